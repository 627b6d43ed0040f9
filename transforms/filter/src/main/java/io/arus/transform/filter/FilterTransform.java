package io.arus.transform.filter;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.api.config.ConfigField;
import io.arus.api.config.ConfigSpec;
import io.arus.api.config.FieldType;
import io.arus.api.plugin.TypeDescriptor;
import io.arus.api.transform.Transform;
import io.arus.api.transform.TransformContext;
import io.arus.api.transform.TransformStep;
import io.arus.api.transform.TransformType;
import io.arus.api.type.Schema;
import io.arus.transform.expression.Expression;
import io.arus.transform.expression.ExpressionEngine;
import io.arus.transform.expression.ExpressionException;
import java.time.Instant;
import java.util.List;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;

/**
 * Keeps the rows where an expression is true. Rows where it is false or null are left out and counted as
 * filtered, not rejected; a row whose expression fails (a type error) is rejected with the reason.
 */
@Component(service = Transform.class)
@TransformType(FilterTransform.TYPE)
public final class FilterTransform implements Transform {
    static final String TYPE = "filter";

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.builder("expression", FieldType.EXPRESSION).label("Keep rows where").required()
                    .help("A condition over the row, e.g. qty > 0 && !is_null(email). Rows where it is false or "
                            + "null are left out.").build());

    private final TypeDescriptor descriptor = new TypeDescriptor(TYPE, "Filter", bundleVersion(),
            "Keeps the rows where an expression is true; the others are counted as filtered.", "filter", SPEC);

    @Override
    public TypeDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public void check(Config config) throws ConfigException {
        compile(config, null);
    }

    @Override
    public TransformStep open(Config config, Schema input, TransformContext context) throws ConfigException {
        return new FilterStep(input, compile(config, input.names()));
    }

    private static Expression compile(Config config, List<String> columns) throws ConfigException {
        try {
            return new ExpressionEngine(Instant.now()).compile(config.string("expression"), columns);
        } catch (ExpressionException e) {
            throw new ConfigException("expression", e.getMessage());
        }
    }

    private static String bundleVersion() {
        var bundle = FrameworkUtil.getBundle(FilterTransform.class);
        return bundle == null ? "0.0.0" : bundle.getVersion().toString();
    }
}
