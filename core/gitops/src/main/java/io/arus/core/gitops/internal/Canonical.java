package io.arus.core.gitops.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arus.api.config.ConfigViolation;
import io.arus.core.model.ConnectionSpec;
import io.arus.core.model.InvalidModelException;
import io.arus.core.model.ModelReader;
import io.arus.core.model.NotificationTargetSpec;
import io.arus.core.model.PipelineSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The one document form of each object, the same whether it comes from the server (for an export and as the
 * current state of a plan) or from a document (the desired state): the model's JSON names and key order, defaults
 * written out, null fields left out, ids replaced by names ({@code source}, {@code destination}, {@code depends_on},
 * {@code notifications[].target}), lists whose order means nothing sorted ({@code depends_on}, notifications by
 * target, their events), configuration keys sorted, literal secrets (shown masked) as their {@link SecretPlaceholder}.
 * Two objects are unchanged exactly when their forms are equal.
 */
public final class Canonical {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private Canonical() {
    }

    /** @return a stored source or destination (secrets masked or references) in its document form */
    public static ObjectNode connection(Kind kind, ConnectionSpec spec) {
        return connectionLike(kind, spec.name(), spec.type(), spec.config());
    }

    /** @return a stored notification target in its document form */
    public static ObjectNode target(NotificationTargetSpec spec) {
        return connectionLike(Kind.NOTIFICATION_TARGET, spec.name(), spec.type(), spec.config());
    }

    private static ObjectNode connectionLike(Kind kind, String name, String type, Map<String, Object> config) {
        ObjectNode object = NODES.objectNode();
        object.put("name", name);
        object.put("type", type);
        ObjectNode settings = object.putObject("config");
        for (Map.Entry<String, Object> field : new TreeMap<>(config).entrySet()) {
            Object value = field.getValue();
            settings.set(field.getKey(), SecretPlaceholder.MASK.equals(value)
                    ? NODES.textNode(SecretPlaceholder.of(kind, name, field.getKey()))
                    : JSON.valueToTree(value));
        }
        return object;
    }

    /**
     * @param spec        a stored pipeline (ids as references)
     * @param sourceName  the name of a source by id
     * @param destination the name of a destination by id
     * @param pipeline    the name of a pipeline by id
     * @param target      the name of a notification target by id
     * @return its document form
     */
    public static ObjectNode pipeline(PipelineSpec spec, UnaryOperator<String> sourceName,
                                      UnaryOperator<String> destination, UnaryOperator<String> pipeline,
                                      UnaryOperator<String> target) {
        ObjectNode model = JSON.valueToTree(spec.withDefaults());
        // each stream with its sync mode's default and lower-case modes, as the engine reads it
        model.set("streams", stepSecrets(spec.name(), JSON.valueToTree(spec.sync().streams()), true));
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<String, JsonNode> field : model.properties()) {
            switch (field.getKey()) {
                case "source_id" -> object.put("source", sourceName.apply(field.getValue().asText()));
                case "destination_id" -> object.put("destination", destination.apply(field.getValue().asText()));
                case "depends_on" -> {
                    ArrayNode names = object.putArray("depends_on");
                    field.getValue().forEach(id -> names.add(pipeline.apply(id.asText())));
                    sort(names, Comparator.comparing(JsonNode::asText));
                }
                case "notifications" -> {
                    ArrayNode list = object.putArray("notifications");
                    for (JsonNode n : field.getValue()) {
                        ObjectNode entry = list.addObject();
                        entry.put("target", target.apply(n.path("target_id").asText()));
                        ArrayNode events = entry.putArray("events");
                        n.path("events").forEach(events::add);
                        sort(events, Comparator.comparing(JsonNode::asText));
                    }
                    sort(list, Comparator.comparing(n -> n.path("target").asText()));
                }
                default -> object.set(field.getKey(), field.getValue());
            }
        }
        if (!object.has("notifications")) {
            object.putArray("notifications");
        }
        return object;
    }

    /**
     * Swaps the masked literal secrets of a pipeline's steps for their {@link SecretPlaceholder#ofStep placeholders}
     * (an export), or those placeholders back for the mask (an update, which then keeps the stored secrets).
     *
     * @param streams the pipeline's streams, changed in place
     * @param export  true: mask to placeholder; false: placeholder to mask
     * @return {@code streams}
     */
    static JsonNode stepSecrets(String pipeline, JsonNode streams, boolean export) {
        for (JsonNode stream : streams) {
            JsonNode steps = stream.path("transforms");
            for (int k = 0; k < steps.size(); k++) {
                if (steps.get(k).path("config") instanceof ObjectNode config) {
                    for (Map.Entry<String, JsonNode> field : List.copyOf(config.properties())) {
                        String placeholder = SecretPlaceholder.ofStep(pipeline, stream.path("name").asText(), k, field.getKey());
                        String value = field.getValue().asText(null);
                        if (export && SecretPlaceholder.MASK.equals(value)) {
                            config.put(field.getKey(), placeholder);
                        } else if (!export && placeholder.equals(value)) {
                            config.put(field.getKey(), SecretPlaceholder.MASK);
                        }
                    }
                }
            }
        }
        return streams;
    }

    /**
     * Checks an object of a document and gives its document form.
     *
     * @throws InvalidModelException naming each offending field by its path inside the object
     */
    public static ObjectNode desired(Kind kind, ObjectNode object) {
        return switch (kind) {
            case SOURCE, DESTINATION -> connection(kind, ModelReader.connection(object));
            case NOTIFICATION_TARGET -> target(ModelReader.notificationTarget(object));
            case PIPELINE -> pipeline(pipelineSpec(object, UnaryOperator.identity(), UnaryOperator.identity(),
                    UnaryOperator.identity(), UnaryOperator.identity()), UnaryOperator.identity(),
                    UnaryOperator.identity(), UnaryOperator.identity(), UnaryOperator.identity());
        };
    }

    /**
     * Binds a pipeline's document form to the model, names turned into ids.
     *
     * @throws InvalidModelException naming each offending field by its document path ({@code source},
     *                               {@code notifications[0].target})
     */
    public static PipelineSpec pipelineSpec(ObjectNode object, UnaryOperator<String> sourceId,
                                            UnaryOperator<String> destinationId, UnaryOperator<String> pipelineId,
                                            UnaryOperator<String> targetId) {
        List<ConfigViolation> errors = new ArrayList<>();
        ObjectNode model = NODES.objectNode();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "source" -> model.set("source_id", reference(value, sourceId, "source", errors));
                case "destination" -> model.set("destination_id",
                        reference(value, destinationId, "destination", errors));
                case "depends_on" -> {
                    if (value.isArray()) {
                        ArrayNode ids = model.putArray("depends_on");
                        for (int i = 0; i < value.size(); i++) {
                            ids.add(reference(value.get(i), pipelineId, "depends_on[" + i + "]", errors));
                        }
                    } else if (!value.isNull()) {
                        errors.add(new ConfigViolation("depends_on", "must be a list of pipeline names"));
                    }
                }
                case "notifications" -> {
                    if (value.isArray()) {
                        ArrayNode list = model.putArray("notifications");
                        for (int i = 0; i < value.size(); i++) {
                            JsonNode n = value.get(i);
                            String at = "notifications[" + i + "]";
                            if (!n.isObject()) {
                                errors.add(new ConfigViolation(at, "must be {target: <name>, events: [...]}"));
                                continue;
                            }
                            ObjectNode entry = list.addObject();
                            n.properties().forEach(e -> {
                                if (e.getKey().equals("target")) {
                                    entry.set("target_id", reference(e.getValue(), targetId, at + ".target", errors));
                                } else if (e.getKey().equals("events")) {
                                    entry.set("events", e.getValue());
                                } else {
                                    errors.add(new ConfigViolation(at + "." + e.getKey(), "is not a field of a notification"));
                                }
                            });
                        }
                    } else if (!value.isNull()) {
                        errors.add(new ConfigViolation("notifications", "must be a list of {target, events}"));
                    }
                }
                case "source_id", "destination_id" -> errors.add(new ConfigViolation(field.getKey(),
                        "is not a field of the YAML form; name the " + field.getKey().replace("_id", "") + " instead"));
                default -> model.set(field.getKey(), value);
            }
        }
        if (!model.has("notifications")) {
            model.putArray("notifications");
        }
        List<ConfigViolation> all = new ArrayList<>(errors);
        try {
            PipelineSpec spec = ModelReader.pipeline(model);
            if (all.isEmpty()) {
                return spec;
            }
        } catch (InvalidModelException e) {
            for (ConfigViolation v : e.violations()) {
                String path = documentPath(v.field());
                if (all.stream().noneMatch(a -> a.field().equals(path))) {
                    all.add(new ConfigViolation(path, v.message()));
                }
            }
        }
        throw new InvalidModelException(all);
    }

    /** @return a model path in document terms: {@code source_id} is {@code source}, {@code ...target_id} {@code ...target} */
    public static String documentPath(String modelPath) {
        if (modelPath == null) {
            return null;
        }
        return modelPath.replaceFirst("^source_id", "source").replaceFirst("^destination_id", "destination")
                .replaceFirst("^(notifications\\[\\d+])\\.target_id", "$1.target");
    }

    private static JsonNode reference(JsonNode value, UnaryOperator<String> id, String path,
                                      List<ConfigViolation> errors) {
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            errors.add(new ConfigViolation(path, "must be a name"));
            return NODES.nullNode();
        }
        return NODES.textNode(id.apply(value.asText()));
    }

    /** @return a source, destination or target's document form as the model binds it (secrets as given) */
    public static ConnectionSpec connectionSpec(ObjectNode object) {
        return ModelReader.connection(object);
    }

    /** @return a notification target's document form as the model binds it */
    public static NotificationTargetSpec targetSpec(ObjectNode object) {
        return ModelReader.notificationTarget(object);
    }

    private static void sort(ArrayNode array, Comparator<JsonNode> order) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        items.sort(order);
        array.removeAll();
        items.forEach(array::add);
    }
}
