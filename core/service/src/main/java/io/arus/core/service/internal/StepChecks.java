package io.arus.core.service.internal;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.api.config.ConfigSpec;
import io.arus.api.config.ConfigViolation;
import io.arus.api.transform.Transform;
import io.arus.core.model.StreamSpec;
import io.arus.core.model.TransformSpec;
import io.arus.core.platform.PluginCatalog;
import io.arus.core.security.ConnectionSecrets;
import io.arus.core.security.MaskRefusedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checks of a pipeline's transform steps: each type installed, each configuration valid against its type's spec
 * and its type's own {@link Transform#check}, named {@code streams[i].transforms[k].type|config.<field>}. Step
 * secrets (a hash salt) are sealed for storing, masked in answers, and a mask sent back keeps the stored value.
 */
final class StepChecks {
    private final PluginCatalog catalog;
    private final ConnectionSecrets secrets;

    /**
     * @param streams the streams with every step's configuration sealed (spec defaults applied)
     * @param errors  every violation of every step
     */
    record Checked(List<StreamSpec> streams, List<ConfigViolation> errors) {
    }

    StepChecks(PluginCatalog catalog, ConnectionSecrets secrets) {
        this.catalog = catalog;
        this.secrets = secrets;
    }

    /**
     * @param streams the streams a client sent (null entries and steps are the model's to report)
     * @param stored  the streams stored now, whose step secrets fill masks sent back; empty for a new pipeline
     */
    Checked check(List<StreamSpec> streams, List<StreamSpec> stored) {
        List<ConfigViolation> errors = new ArrayList<>();
        List<StreamSpec> sealed = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            StreamSpec stream = streams.get(i);
            if (stream == null) {
                sealed.add(null);
                continue;
            }
            List<TransformSpec> before = stored.stream().filter(s -> s != null && s.name() != null
                    && s.name().equals(stream.name())).findFirst().map(StreamSpec::transforms).orElse(List.of());
            List<TransformSpec> steps = new ArrayList<>();
            for (int k = 0; k < stream.transforms().size(); k++) {
                TransformSpec step = stream.transforms().get(k);
                TransformSpec previous = k < before.size() ? before.get(k) : null;
                steps.add(step == null || step.type() == null || step.type().isBlank() ? step
                        : step(step, previous, "streams[" + i + "].transforms[" + k + "]", errors));
            }
            sealed.add(new StreamSpec(stream.name(), stream.syncMode(), stream.cursorField(), stream.primaryKey(),
                    stream.softDeleteField(), stream.writeMode(), steps));
        }
        return new Checked(sealed, errors);
    }

    /**
     * @param type   the transform type
     * @param config a step configuration as a client sent it, masks allowed when {@code stored} fills them
     * @param stored the stored (sealed) configuration of the same step, or an empty map
     * @param at     the path the violations are named under, {@code ""} for none, else ending without a dot
     * @return the violations: the spec's, then the type's own check
     */
    List<ConfigViolation> violations(Transform type, Map<String, Object> config, Map<String, Object> stored, String at) {
        List<ConfigViolation> errors = new ArrayList<>();
        sealed(type, config, stored, at, errors);
        return errors;
    }

    /** @return the streams with every step's secrets masked (references shown as written), for an answer */
    List<StreamSpec> masked(List<StreamSpec> streams) {
        return streams.stream().map(s -> new StreamSpec(s.name(), s.syncMode(), s.cursorField(), s.primaryKey(),
                s.softDeleteField(), s.writeMode(), s.transforms().stream().map(t -> new TransformSpec(t.type(),
                        secrets.view(spec(t.type()), t.config()))).toList())).toList();
    }

    /** @return the configuration spec of an installed type, or the empty spec (encrypted values are masked anyway) */
    private ConfigSpec spec(String type) {
        return catalog.transform(type).map(t -> t.descriptor().config()).orElse(ConfigSpec.EMPTY);
    }

    private TransformSpec step(TransformSpec step, TransformSpec previous, String at, List<ConfigViolation> errors) {
        Optional<Transform> type = catalog.transform(step.type());
        if (type.isEmpty()) {
            errors.add(new ConfigViolation(at + ".type", "no transform type '" + step.type() + "' is installed"));
            return step;
        }
        Map<String, Object> stored = previous != null && step.type().equals(previous.type()) ? previous.config() : Map.of();
        Map<String, Object> sealed = sealed(type.get(), step.config(), stored, at, errors);
        return sealed == null ? step : new TransformSpec(step.type(), sealed);
    }

    /** @return the configuration sealed for storing, or null when it has violations (added to {@code errors}) */
    private Map<String, Object> sealed(Transform type, Map<String, Object> incoming, Map<String, Object> stored,
                                       String at, List<ConfigViolation> errors) {
        String prefix = at.isEmpty() ? "" : at + ".";
        ConfigSpec spec = type.descriptor().config();
        Map<String, Object> config;
        try {
            config = secrets.unmask(spec, incoming, stored);
        } catch (MaskRefusedException e) {
            e.violations().forEach(v -> errors.add(new ConfigViolation(prefix + "config." + v.field(), v.message())));
            return null;
        }
        List<ConfigViolation> own = ConfigChecks.violations(spec, config);
        if (!own.isEmpty()) {
            own.forEach(v -> errors.add(new ConfigViolation(prefix + v.field(), v.message())));
            return null;
        }
        Config values = Config.of(spec, config);
        try {
            type.check(values);
        } catch (ConfigException e) {
            e.violations().forEach(v -> errors.add(new ConfigViolation(prefix + "config." + v.field(), v.message())));
            return null;
        } catch (RuntimeException e) {
            errors.add(new ConfigViolation(prefix + "type", "the transform type '" + type.descriptor().type()
                    + "' failed to check its configuration: " + e));
            return null;
        }
        return secrets.encrypt(spec, values.values());
    }
}
