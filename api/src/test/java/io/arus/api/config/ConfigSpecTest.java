package io.arus.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigSpecTest {

    private static ConfigSpec one(ConfigField field) {
        return ConfigSpec.of(field);
    }

    private static ConfigField field(String name, FieldType type) {
        ConfigField.Builder builder = ConfigField.builder(name, type);
        if (type == FieldType.ENUM) {
            builder.options("full_refresh", "incremental");
        }
        return builder.build();
    }

    private static List<ConfigViolation> validate(ConfigField field, Object value) {
        return one(field).validate(Map.of(field.name(), value));
    }

    @Test
    void reportsAMissingRequiredField() {
        ConfigSpec spec = one(ConfigField.builder("host", FieldType.HOST).required().build());

        assertThat(spec.validate(Map.of())).containsExactly(new ConfigViolation("host", "is required"));
    }

    @Test
    void requiredFieldWithADefaultIsNeverMissing() {
        ConfigSpec spec = one(ConfigField.builder("port", FieldType.PORT).required().defaultValue(5432).build());

        assertThat(spec.validate(Map.of())).isEmpty();
    }

    @Test
    void nullAndEmptyStringCountAsAbsentForARequiredField() {
        ConfigSpec spec = one(ConfigField.builder("database", FieldType.STRING).required().build());
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("database", null);

        assertThat(spec.validate(withNull)).extracting(ConfigViolation::message).containsExactly("is required");
        assertThat(spec.validate(Map.of("database", ""))).extracting(ConfigViolation::message)
                .containsExactly("is required");
    }

    @Test
    void emptyTextIsAValueNotAMissingField() {
        ConfigSpec spec = one(ConfigField.builder("query", FieldType.TEXT).required().build());

        assertThat(spec.validate(Map.of("query", ""))).isEmpty();
    }

    @Test
    void optionalFieldMayBeLeftOut() {
        ConfigSpec spec = one(ConfigField.builder("schema", FieldType.STRING).build());

        assertThat(spec.validate(Map.of())).isEmpty();
    }

    @Test
    void namesAnUnknownField() {
        ConfigSpec spec = one(ConfigField.builder("host", FieldType.HOST).build());

        assertThat(spec.validate(Map.of("hots", "db.example.com")))
                .containsExactly(new ConfigViolation("hots", "is not a field of this type"));
    }

    @Test
    void emptySpecTreatsEveryFieldAsUnknown() {
        assertThat(ConfigSpec.EMPTY.validate(Map.of("anything", 1))).extracting(ConfigViolation::field)
                .containsExactly("anything");
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of(FieldType.STRING, 42, "must be a string"),
                Arguments.of(FieldType.STRING, true, "must be a string"),
                Arguments.of(FieldType.TEXT, List.of("a"), "must be a string"),
                Arguments.of(FieldType.SECRET, 1234, "must be a string"),
                Arguments.of(FieldType.INT, "42", "must be a whole number"),
                Arguments.of(FieldType.INT, true, "must be a whole number"),
                Arguments.of(FieldType.BOOLEAN, "true", "must be true or false"),
                Arguments.of(FieldType.BOOLEAN, 1, "must be true or false"),
                Arguments.of(FieldType.ENUM, 1, "must be a string"),
                Arguments.of(FieldType.ENUM, "cdc", "must be one of [full_refresh, incremental]"),
                Arguments.of(FieldType.LIST, "a,b", "must be a list of strings"),
                Arguments.of(FieldType.LIST, List.of("a", 1), "must be a list of strings"),
                Arguments.of(FieldType.PORT, "5432", "must be a port number"),
                Arguments.of(FieldType.HOST, 42, "must be a string"),
                Arguments.of(FieldType.URL, 42, "must be a string"));
    }

    @ParameterizedTest(name = "{0} field given {1}: {2}")
    @MethodSource("wrongTypes")
    void rejectsAValueOfTheWrongTypeNamingTheField(FieldType type, Object value, String message) {
        assertThat(validate(field("value", type), value)).containsExactly(new ConfigViolation("value", message));
    }

    @Test
    void acceptsAWellTypedValueForEveryFieldType() {
        ConfigSpec spec = ConfigSpec.of(
                field("name", FieldType.STRING),
                field("query", FieldType.TEXT),
                field("rows", FieldType.INT),
                field("ssl", FieldType.BOOLEAN),
                field("mode", FieldType.ENUM),
                field("password", FieldType.SECRET),
                field("host", FieldType.HOST),
                field("port", FieldType.PORT),
                field("webhook", FieldType.URL),
                field("tables", FieldType.LIST));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", "orders");
        values.put("query", "select 1\nfrom dual");
        values.put("rows", 10L);
        values.put("ssl", false);
        values.put("mode", "incremental");
        values.put("password", "s3cr3t");
        values.put("host", "db.example.com");
        values.put("port", 5432);
        values.put("webhook", "https://hooks.example.com/services/T0");
        values.put("tables", List.of("orders", "customers"));

        assertThat(spec.validate(values)).isEmpty();
    }

    @Test
    void enforcesTheMinimumAndMaximumOfAnIntField() {
        ConfigField rows = ConfigField.builder("rows", FieldType.INT).range(1, 10).build();

        assertThat(validate(rows, 0)).containsExactly(new ConfigViolation("rows", "must be at least 1"));
        assertThat(validate(rows, 11)).containsExactly(new ConfigViolation("rows", "must be at most 10"));
        assertThat(validate(rows, 1)).isEmpty();
        assertThat(validate(rows, 10L)).isEmpty();
    }

    @Test
    void intFieldWithoutRangeAcceptsNegativeNumbers() {
        assertThat(validate(field("seed", FieldType.INT), -7)).isEmpty();
    }

    @Test
    void rejectsPortZeroAndAbove65535NamingTheField() {
        ConfigField port = field("port", FieldType.PORT);

        assertThat(validate(port, 0)).containsExactly(new ConfigViolation("port", "must be at least 1"));
        assertThat(validate(port, 65_536)).containsExactly(new ConfigViolation("port", "must be at most 65535"));
    }

    @Test
    void acceptsUsualPortsAndTheBounds() {
        ConfigField port = field("port", FieldType.PORT);

        assertThat(validate(port, 5432)).isEmpty();
        assertThat(validate(port, 1)).isEmpty();
        assertThat(validate(port, 65_535)).isEmpty();
    }

    @Test
    void portFieldWithItsOwnRangeUsesIt() {
        ConfigField port = ConfigField.builder("port", FieldType.PORT).range(1024, 49_151).build();

        assertThat(validate(port, 80)).containsExactly(new ConfigViolation("port", "must be at least 1024"));
    }

    @Test
    void acceptsAJsonDoubleWithoutFractionAsAWholeNumber() {
        assertThat(validate(field("port", FieldType.PORT), 5432.0)).isEmpty();
        assertThat(validate(field("rows", FieldType.INT), 5432.0)).isEmpty();
    }

    @Test
    void rejectsANumberWithAFraction() {
        assertThat(validate(field("rows", FieldType.INT), 1.5))
                .containsExactly(new ConfigViolation("rows", "must be a whole number"));
        assertThat(validate(field("port", FieldType.PORT), 1.5))
                .containsExactly(new ConfigViolation("port", "must be a port number"));
    }

    @Test
    void rejectsNotANumberAndInfinity() {
        ConfigField rows = field("rows", FieldType.INT);

        assertThat(validate(rows, Double.NaN)).extracting(ConfigViolation::message).containsExactly("must be a whole number");
        assertThat(validate(rows, Double.POSITIVE_INFINITY)).extracting(ConfigViolation::message)
                .containsExactly("must be a whole number");
    }

    @Test
    void resolvedJsonDoubleReadsAsAnInteger() throws ConfigException {
        Config config = one(field("port", FieldType.PORT)).resolve(Map.of("port", 5432.0));

        assertThat(config.integer("port", 0)).isEqualTo(5432);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://x", "a b", "db.example.com/postgres", "db example", "user@db"})
    void rejectsAHostWithSchemePathOrSpaces(String host) {
        assertThat(validate(field("host", FieldType.HOST), host)).containsExactly(new ConfigViolation("host",
                "must be a host name or IP address (no scheme, port, path or spaces)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"db.example.com", "127.0.0.1", "[::1]", "::1", "localhost", "my-db_1", "fe80::1%eth0"})
    void acceptsHostNamesAndIpAddresses(String host) {
        assertThat(validate(field("host", FieldType.HOST), host)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hooks.example.com/services/T0", "/services/T0", "mailto:ops@example.com"})
    void rejectsAUrlWithoutSchemeOrHost(String url) {
        assertThat(validate(field("webhook", FieldType.URL), url)).containsExactly(new ConfigViolation("webhook",
                "must be an absolute URL with a scheme and a host"));
    }

    @Test
    void rejectsAMalformedUrlSayingWhy() {
        assertThat(validate(field("webhook", FieldType.URL), "https://hooks example.com/x"))
                .singleElement().satisfies(v -> assertThat(v.message()).startsWith("is not a valid URL: "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.example.com/services/T0", "http://127.0.0.1:8080/hook", "smtp://mail.example.com"})
    void acceptsAnAbsoluteUrl(String url) {
        assertThat(validate(field("webhook", FieldType.URL), url)).isEmpty();
    }

    @Test
    void reportsViolationsInSpecOrderThenUnknownFieldsInInputOrder() {
        ConfigSpec spec = ConfigSpec.of(
                ConfigField.builder("host", FieldType.HOST).required().build(),
                field("port", FieldType.PORT),
                ConfigField.builder("database", FieldType.STRING).required().build(),
                field("ssl", FieldType.BOOLEAN));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("zeta", 1);
        values.put("ssl", "yes");
        values.put("alpha", 2);
        values.put("port", 0);

        assertThat(spec.validate(values)).extracting(ConfigViolation::field)
                .containsExactly("host", "port", "database", "ssl", "zeta", "alpha");
    }

    @Test
    void resolveThrowsWithEveryViolationInItsMessage() {
        ConfigSpec spec = ConfigSpec.of(
                ConfigField.builder("host", FieldType.HOST).required().build(),
                field("port", FieldType.PORT));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("port", 0);
        values.put("extra", true);

        assertThatThrownBy(() -> spec.resolve(values))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid configuration: host: is required; port: must be at least 1; "
                        + "extra: is not a field of this type")
                .satisfies(e -> assertThat(((ConfigException) e).violations()).hasSize(3));
    }

    @Test
    void resolveAppliesDefaultsToValidValues() throws ConfigException {
        ConfigSpec spec = ConfigSpec.of(
                ConfigField.builder("host", FieldType.HOST).required().build(),
                ConfigField.builder("port", FieldType.PORT).defaultValue(5432).build());

        Config config = spec.resolve(Map.of("host", "db.example.com"));

        assertThat(config.values()).containsExactly(Map.entry("host", "db.example.com"), Map.entry("port", 5432));
    }

    @Test
    void rejectsTwoFieldsWithTheSameName() {
        assertThatThrownBy(() -> ConfigSpec.of(field("host", FieldType.HOST), field("host", FieldType.STRING)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host");
    }

    @Test
    void findsAFieldByName() {
        ConfigField port = field("port", FieldType.PORT);
        ConfigSpec spec = ConfigSpec.of(List.of(field("host", FieldType.HOST), port));

        assertThat(spec.field("port")).contains(port);
        assertThat(spec.field("user")).isEmpty();
        assertThat(spec.fields()).extracting(ConfigField::name).containsExactly("host", "port");
    }
}
