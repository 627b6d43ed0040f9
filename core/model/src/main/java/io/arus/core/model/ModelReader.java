package io.arus.core.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.arus.api.config.ConfigViolation;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds a JSON (or YAML) tree to the model and reports every problem at once: each top-level field is bound on its
 * own, so a wrong type in {@code batch_size} and a missing {@code streams[1].name} are both named, with the paths a
 * validation error would have. Fields that are not part of the model are refused, except the read-only fields of
 * an answer. Pipelines are also {@linkplain PipelineSpec#validate() validated}.
 *
 * <p>Strict as the API: a number is not a string, a string is not a number, a float is not an integer.
 */
public final class ModelReader {
    private static final ObjectMapper MAPPER = strict();
    private static final Set<String> PIPELINE_READ_ONLY = Set.of("id", "created_at", "updated_at", "last_run");
    private static final Set<String> CONNECTION_READ_ONLY = Set.of("id", "available", "created_by", "created_at",
            "updated_at");
    private static final Set<String> TARGET_READ_ONLY = Set.of("id", "available", "pipelines", "created_at",
            "updated_at");

    private ModelReader() {
    }

    /**
     * @param tree a pipeline as a client writes it
     * @return the pipeline, valid, defaults applied
     * @throws InvalidModelException naming every offending field, binding and validation errors together
     */
    public static PipelineSpec pipeline(JsonNode tree) {
        List<ConfigViolation> errors = new ArrayList<>();
        PipelineSpec bound = bind(tree, PipelineSpec.class, PIPELINE_READ_ONLY, errors);
        List<ConfigViolation> all = new ArrayList<>(errors);
        if (bound != null) {
            for (ConfigViolation v : PipelineChecks.violations(bound)) {
                if (errors.stream().noneMatch(e -> v.field().equals(e.field()) || e.field().startsWith(v.field() + "[")
                        || e.field().startsWith(v.field() + "."))) {
                    all.add(v);
                }
            }
        }
        if (!all.isEmpty()) {
            throw new InvalidModelException(all);
        }
        return bound.withDefaults();
    }

    /**
     * Binds a pipeline without validating it when every field binds, for a caller that validates it with more (the
     * service adds its references): when some field does not bind, the error names it, with every violation
     * {@link PipelineSpec#validate()} finds in the fields that did bind, all at once.
     *
     * @param tree a pipeline as a client writes it
     * @return the pipeline as written (no defaults applied)
     * @throws InvalidModelException when some field does not bind, naming every offending field
     */
    public static PipelineSpec pipelineAsWritten(JsonNode tree) {
        List<ConfigViolation> errors = new ArrayList<>();
        PipelineSpec bound = bind(tree, PipelineSpec.class, PIPELINE_READ_ONLY, errors);
        if (errors.isEmpty()) {
            return bound;
        }
        List<ConfigViolation> all = new ArrayList<>(errors);
        if (bound != null) {
            for (ConfigViolation v : PipelineChecks.violations(bound)) {
                if (errors.stream().noneMatch(e -> v.field().equals(e.field()) || e.field().startsWith(v.field() + "[")
                        || e.field().startsWith(v.field() + "."))) {
                    all.add(v);
                }
            }
        }
        throw new InvalidModelException(all);
    }

    /**
     * Binds what binds of a pipeline, for a caller that reports binding errors with its own checks of the rest.
     *
     * @param tree   a pipeline as a client writes it
     * @param errors receives one violation per field that does not bind (with its path)
     * @return the pipeline as written, null in each field that did not bind; null when the tree is no object
     */
    public static PipelineSpec pipelineAsWritten(JsonNode tree, List<ConfigViolation> errors) {
        return bind(tree, PipelineSpec.class, PIPELINE_READ_ONLY, errors);
    }

    /**
     * @param tree a source or destination as a client writes it
     * @return the connection; its {@code config} is for the service to check against the connector's spec
     * @throws InvalidModelException naming every field that does not bind
     */
    public static ConnectionSpec connection(JsonNode tree) {
        return bound(tree, ConnectionSpec.class, CONNECTION_READ_ONLY);
    }

    /**
     * @param tree a notification target as a client writes it
     * @return the target; its {@code config} is for the service to check against the notifier's spec
     * @throws InvalidModelException naming every field that does not bind
     */
    public static NotificationTargetSpec notificationTarget(JsonNode tree) {
        return bound(tree, NotificationTargetSpec.class, TARGET_READ_ONLY);
    }

    /** The stored definition of a pipeline, bound (not validated: the store only holds validated ones). */
    static PipelineSpec definition(Map<String, ?> definition) {
        return bound(MAPPER.valueToTree(definition), PipelineSpec.class, Set.of());
    }

    private static <T extends Record> T bound(JsonNode tree, Class<T> type, Set<String> readOnly) {
        List<ConfigViolation> errors = new ArrayList<>();
        T value = bind(tree, type, readOnly, errors);
        if (!errors.isEmpty()) {
            throw new InvalidModelException(errors);
        }
        return value;
    }

    /** @return the record, with null for each field that did not bind (named in {@code errors}); null for a non-object */
    private static <T extends Record> T bind(JsonNode tree, Class<T> type, Set<String> readOnly,
                                             List<ConfigViolation> errors) {
        if (tree == null || !tree.isObject()) {
            errors.add(new ConfigViolation("body", "must be an object"));
            return null;
        }
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        Set<String> known = new java.util.HashSet<>();
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            types[i] = component.getType();
            String field = jsonName(component);
            known.add(field);
            JsonNode node = tree.get(field);
            if (node == null || node.isNull()) {
                continue;
            }
            values[i] = value(node, component.getGenericType(), field, errors);
        }
        for (Iterator<String> names = ((ObjectNode) tree).fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name) && !readOnly.contains(name)) {
                errors.add(new ConfigViolation(name, "is not a field of a " + noun(type)));
            }
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a " + type.getSimpleName(), e);
        }
    }

    /** The JSON name: {@code @JsonProperty} is not kept on a record component, but on its accessor. */
    /**
     * Binds one value; a record (a stream, a notification) and a list of records are bound part by part, so that
     * every offending field inside them is named too.
     */
    private static Object value(JsonNode node, java.lang.reflect.Type type, String field, List<ConfigViolation> errors) {
        Class<?> raw = MAPPER.getTypeFactory().constructType(type).getRawClass();
        if (raw.isRecord() && node.isObject()) {
            @SuppressWarnings("unchecked")
            Class<? extends Record> record = (Class<? extends Record>) raw;
            List<ConfigViolation> inner = new ArrayList<>();
            Record bound = bind(node, record, Set.of(), inner);
            inner.forEach(v -> errors.add(new ConfigViolation(field + "." + v.field(), v.message())));
            return bound;
        }
        if (type instanceof java.lang.reflect.ParameterizedType list && List.class.equals(raw) && node.isArray()
                && list.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (item == null || !item.isObject()) {
                    errors.add(new ConfigViolation(field + "[" + i + "]", "must be an object"));
                    items.add(null);
                } else {
                    items.add(value(item, element, field + "[" + i + "]", errors));
                }
            }
            return items;
        }
        try {
            return MAPPER.readerFor(MAPPER.getTypeFactory().constructType(type)).readValue(MAPPER.treeAsTokens(node));
        } catch (JsonMappingException e) {
            errors.add(new ConfigViolation(field + path(e), message(e)));
        } catch (java.io.IOException e) {
            errors.add(new ConfigViolation(field, "cannot be read"));
        }
        return null;
    }

    private static String jsonName(RecordComponent component) {
        com.fasterxml.jackson.annotation.JsonProperty property =
                component.getAccessor().getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
        return property == null ? component.getName() : property.value();
    }

    /** The path below the field: {@code [2].cursor_field}, {@code .max_null_ratio.email}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String message(JsonMappingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException format
                && format.getTargetType() != null && format.getTargetType().isEnum()) {
            List<String> ids = new ArrayList<>();
            for (Object constant : format.getTargetType().getEnumConstants()) {
                ids.add(((Enum<?>) constant).name().toLowerCase(java.util.Locale.ROOT));
            }
            return "must be one of " + ids;
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch
                && mismatch.getTargetType() != null) {
            return "must be " + kind(mismatch.getTargetType());
        }
        return "has the wrong type";
    }

    private static String kind(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }

    private static String noun(Class<?> type) {
        if (type == PipelineSpec.class) {
            return "pipeline";
        }
        if (type == StreamSpec.class) {
            return "stream";
        }
        if (type == NotificationSpec.class) {
            return "notification";
        }
        if (type == TransformSpec.class) {
            return "transform step";
        }
        if (type == ModelSpec.class) {
            return "model";
        }
        if (type == ScheduleSpec.class) {
            return "schedule";
        }
        if (type == QualityChecksSpec.class) {
            return "quality check";
        }
        return type == ConnectionSpec.class ? "source or destination" : "notification target";
    }

    private static ObjectMapper strict() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withConfigOverride(List.class, o -> o.setSetterInfo(com.fasterxml.jackson.annotation.JsonSetter.Value
                        .forContentNulls(com.fasterxml.jackson.annotation.Nulls.FAIL)))
                .build();
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }
}
