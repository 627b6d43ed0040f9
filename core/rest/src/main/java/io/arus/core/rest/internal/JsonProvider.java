package io.arus.core.rest.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;
import io.arus.api.config.ConfigViolation;
import io.arus.core.model.InvalidModelException;
import io.arus.core.model.ModelReader;
import io.arus.core.model.PipelineSpec;
import io.arus.core.service.PipelineService;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.ws.rs.Consumes;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.ext.MessageBodyReader;
import javax.ws.rs.ext.MessageBodyWriter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsMediaType;

/**
 * JSON for the Arus API: snake_case names, ISO-8601 times, and strict input: unknown fields are refused (so a typo in
 * a request is a 400 naming the field, not a silently ignored setting), a number or boolean is never turned into a
 * string field nor a string into a number, and a null inside a list is refused. The read-only fields a GET answer
 * carries ({@code id}, {@code created_at}...) are ignored in the bodies that replace a resource, so that what a GET
 * answered can be sent back with a PUT.
 */
@Component(service = {MessageBodyReader.class, MessageBodyWriter.class})
@JaxrsExtension
@JaxrsApplicationSelect(ArusApplication.SELECT)
@JaxrsMediaType({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Consumes({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public final class JsonProvider extends JacksonJsonProvider {
    /** The mapper every Arus JSON document goes through. */
    static final ObjectMapper MAPPER = strict(JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withConfigOverride(List.class, o -> o.setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL)))
            .withConfigOverride(Set.class, o -> o.setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL)))
            .addMixIn(UserResource.UserPatch.class, UserReadOnly.class)
            .build());

    /** Checks the references of a pipeline body that did not bind entirely, so that one 400 names everything. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile PipelineService pipelines;

    public JsonProvider() {
        super(MAPPER);
    }

    /**
     * A pipeline is bound field by field ({@link ModelReader#pipelineAsWritten}), so that a 400 names every field
     * that does not bind with every violation of the others, not only the first mistake Jackson meets.
     */
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        if (!PipelineSpec.class.equals(type)) {
            return super.readFrom(type, genericType, annotations, mediaType, httpHeaders, entityStream);
        }
        Object tree = super.readFrom((Class) JsonNode.class, JsonNode.class, annotations, mediaType, httpHeaders,
                entityStream);
        if (!(tree instanceof JsonNode node) || node.isMissingNode() || node.isNull()) {
            return null;
        }
        PipelineService service = pipelines;
        if (service == null) {
            return ModelReader.pipelineAsWritten(node);
        }
        List<ConfigViolation> errors = new ArrayList<>();
        PipelineSpec bound = ModelReader.pipelineAsWritten(node, errors);
        if (errors.isEmpty()) {
            return bound;
        }
        // what did not bind, with every other violation (references too) of what did
        List<ConfigViolation> all = new ArrayList<>(errors);
        if (bound != null) {
            for (ConfigViolation v : service.violations(bound)) {
                if (errors.stream().noneMatch(e -> v.field().equals(e.field()) || e.field().startsWith(v.field() + "[")
                        || e.field().startsWith(v.field() + "."))) {
                    all.add(v);
                }
            }
        }
        throw new InvalidModelException(all);
    }

    /** Numbers and booleans stay out of string fields (ALLOW_COERCION_OF_SCALARS leaves that direction on). */
    private static ObjectMapper strict(ObjectMapper mapper) {
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return mapper;
    }

    /** What GET /api/users/{id} answers beside the fields a PATCH sets: the user name cannot be changed. */
    @JsonIgnoreProperties({"id", "username", "created_at", "updated_at"})
    private interface UserReadOnly {
    }
}
