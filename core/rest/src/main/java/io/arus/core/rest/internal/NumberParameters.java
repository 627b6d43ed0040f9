package io.arus.core.rest.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PathParam;
import javax.ws.rs.QueryParam;
import javax.ws.rs.ext.ParamConverter;
import javax.ws.rs.ext.ParamConverterProvider;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/**
 * Whole-number parameters ({@code ?limit=abc}): JAX-RS answers a query parameter that does not parse with a bare
 * 404; here it is a 400 naming the parameter.
 */
@Component(service = ParamConverterProvider.class)
@JaxrsExtension
@JaxrsApplicationSelect(ArusApplication.SELECT)
public final class NumberParameters implements ParamConverterProvider {
    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType == int.class || rawType == Integer.class) {
            return (ParamConverter<T>) new Whole<>(name(annotations), Integer::valueOf);
        }
        if (rawType == long.class || rawType == Long.class) {
            return (ParamConverter<T>) new Whole<>(name(annotations), Long::valueOf);
        }
        return null;
    }

    private static String name(Annotation[] annotations) {
        for (Annotation annotation : annotations == null ? new Annotation[0] : annotations) {
            if (annotation instanceof QueryParam query) {
                return query.value();
            }
            if (annotation instanceof PathParam path) {
                return path.value();
            }
            if (annotation instanceof HeaderParam header) {
                return header.value();
            }
        }
        return "parameter";
    }

    /** Parses one whole-number parameter, or refuses it by name. */
    private record Whole<N extends Number>(String name, java.util.function.Function<String, N> parse) implements ParamConverter<N> {
        @Override
        public N fromString(String value) {
            if (value == null) {
                return null;
            }
            try {
                return parse.apply(value.trim());
            } catch (NumberFormatException e) {
                // CXF turns only an IllegalArgumentException into its 404; ProblemMapper answers this one
                throw ApiException.invalid(name, "must be a whole number");
            }
        }

        @Override
        public String toString(N value) {
            return value == null ? null : value.toString();
        }
    }
}
