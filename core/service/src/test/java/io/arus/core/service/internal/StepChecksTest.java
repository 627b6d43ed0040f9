package io.arus.core.service.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.api.config.ConfigField;
import io.arus.api.config.ConfigSpec;
import io.arus.api.config.ConfigViolation;
import io.arus.api.config.FieldType;
import io.arus.api.connector.Connector;
import io.arus.api.notify.Notifier;
import io.arus.api.plugin.TypeDescriptor;
import io.arus.api.transform.Transform;
import io.arus.api.transform.TransformContext;
import io.arus.api.transform.TransformStep;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import io.arus.core.engine.TransformPreview;
import io.arus.core.model.StreamSpec;
import io.arus.core.model.TransformSpec;
import io.arus.core.platform.PluginCatalog;
import io.arus.core.platform.PluginKind;
import io.arus.core.platform.PluginType;
import io.arus.core.security.ConnectionSecrets;
import io.arus.core.security.SecretBox;
import io.arus.core.service.TransformService.ColumnLineage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StepChecksTest {
    /** Reversible, recognisable "encryption". */
    private static final SecretBox BOX = new SecretBox() {
        @Override
        public String encrypt(String plaintext) {
            return PREFIX + new StringBuilder(plaintext).reverse();
        }

        @Override
        public String decrypt(String encrypted) {
            return new StringBuilder(encrypted.substring(PREFIX.length())).reverse().toString();
        }
    };

    /** A hash-like type: a required list of columns, a secret salt, and its own check refusing an empty salt. */
    private static final Transform SALTED = new Transform() {
        @Override
        public TypeDescriptor descriptor() {
            return new TypeDescriptor("salted", "Salted", "1.0.0", "", "", ConfigSpec.of(
                    ConfigField.builder("columns", FieldType.LIST).required().build(),
                    ConfigField.builder("salt", FieldType.SECRET).build()));
        }

        @Override
        public void check(Config config) throws ConfigException {
            if (config.string("salt", "").isEmpty()) {
                throw new ConfigException("salt", "salt is required");
            }
        }

        @Override
        public TransformStep open(Config config, Schema input, TransformContext context) {
            throw new UnsupportedOperationException();
        }
    };

    private static final PluginCatalog CATALOG = new PluginCatalog() {
        @Override
        public List<PluginType> types(PluginKind kind) {
            return List.of();
        }

        @Override
        public Optional<Connector> connector(String type) {
            return Optional.empty();
        }

        @Override
        public Optional<Transform> transform(String type) {
            return "salted".equals(type) ? Optional.of(SALTED) : Optional.empty();
        }

        @Override
        public Optional<Notifier> notifier(String type) {
            return Optional.empty();
        }
    };

    private final StepChecks checks = new StepChecks(CATALOG, new ConnectionSecrets(BOX));

    @Test
    void namesEveryBadStepByItsPathAndSealsTheSecretsOfTheGoodOnes() {
        StreamSpec stream = stream(new TransformSpec("salted", Map.of("columns", List.of("email"), "salt", "pepper")),
                new TransformSpec("nope", Map.of()), new TransformSpec("salted", Map.of("salt", "x")),
                new TransformSpec("salted", Map.of("columns", List.of("a"))));

        StepChecks.Checked checked = checks.check(List.of(stream), List.of());

        assertThat(checked.errors()).containsExactly(
                new ConfigViolation("streams[0].transforms[1].type", "no transform type 'nope' is installed"),
                new ConfigViolation("streams[0].transforms[2].config.columns", "is required"),
                new ConfigViolation("streams[0].transforms[3].config.salt", "salt is required"));
        Object sealed = checked.streams().get(0).transforms().get(0).config().get("salt");
        assertThat(sealed).isEqualTo(SecretBox.PREFIX + "reppep");
    }

    @Test
    void aMaskSentBackKeepsTheStoredSaltAndAnswersShowTheMask() {
        StreamSpec stored = checks.check(List.of(stream(new TransformSpec("salted",
                Map.of("columns", List.of("email"), "salt", "pepper")))), List.of()).streams().get(0);

        List<StreamSpec> masked = checks.masked(List.of(stored));
        assertThat(masked.get(0).transforms().get(0).config().get("salt")).isEqualTo(Config.MASK);

        StepChecks.Checked again = checks.check(masked, List.of(stored));
        assertThat(again.errors()).isEmpty();
        assertThat(again.streams().get(0).transforms().get(0).config().get("salt")).isEqualTo(SecretBox.PREFIX + "reppep");

        StepChecks.Checked fresh = checks.check(masked, List.of());
        assertThat(fresh.errors()).as("a mask with nothing stored behind it is no salt")
                .containsExactly(new ConfigViolation("streams[0].transforms[0].config.salt", "salt is required"));
    }

    @Test
    void columnLineageFollowsARenameAndMarksTheStepsThatTouchedEachColumn() {
        Schema source = Schema.of(Field.of("id", LogicalType.INT64, false), Field.of("email", LogicalType.STRING, true),
                Field.of("price", LogicalType.STRING, true));
        Schema renamed = Schema.of(Field.of("id", LogicalType.INT64, false),
                Field.of("customer_email", LogicalType.STRING, true), Field.of("price", LogicalType.STRING, true));
        Schema cast = Schema.of(Field.of("id", LogicalType.INT64, false),
                Field.of("customer_email", LogicalType.STRING, true), Field.of("price", LogicalType.decimal(12, 2), true),
                Field.of("loaded_by", LogicalType.STRING, true));
        List<TransformPreview.StepPreview> steps = List.of(
                new TransformPreview.StepPreview(0, "rename", renamed, List.of(), List.of(), 0,
                        Map.of("id", List.of("id"), "customer_email", List.of("email"), "price", List.of("price"))),
                new TransformPreview.StepPreview(1, "cast", cast, List.of(), List.of(), 0, Map.of("id", List.of("id"),
                        "customer_email", List.of("customer_email"), "price", List.of("price"), "loaded_by", List.of())));
        List<TransformSpec> specs = List.of(new TransformSpec("rename", Map.of("columns", Map.of("email", "customer_email"))),
                new TransformSpec("cast", Map.of("columns", Map.of("price", "decimal(12,2)"))));

        assertThat(ColumnLineages.compose(source, steps, specs)).containsExactly(
                new ColumnLineage("id", List.of("id"), List.of()),
                new ColumnLineage("customer_email", List.of("email"), List.of(0)),
                new ColumnLineage("price", List.of("price"), List.of(1)),
                new ColumnLineage("loaded_by", List.of(), List.of(1)));
    }

    private static StreamSpec stream(TransformSpec... steps) {
        return new StreamSpec("public.orders", null, null, null, null, null, List.of(steps));
    }
}
