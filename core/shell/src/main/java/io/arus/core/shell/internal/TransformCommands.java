package io.arus.core.shell.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arus.api.config.ConfigViolation;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Schema;
import io.arus.core.engine.TransformPreview;
import io.arus.core.model.TransformSpec;
import io.arus.core.service.PipelineService;
import io.arus.core.service.SavedPipeline;
import io.arus.core.service.TransformService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The transform commands of the shell: check a step's configuration, preview a chain on a source's first rows and
 * show a pipeline's column lineage, through {@link TransformService} as REST, as the session's actor.
 */
@Component(service = TransformCommands.class, property = {
    "osgi.command.scope=arus",
    "osgi.command.function=transformcheck",
    "osgi.command.function=preview",
    "osgi.command.function=lineage"
})
public final class TransformCommands {
    private final ShellLogins logins;
    private final TransformService transforms;
    private final PipelineService pipelines;

    @Activate
    public TransformCommands(@Reference ShellLogins logins, @Reference TransformService transforms,
                             @Reference PipelineService pipelines) {
        this.logins = logins;
        this.transforms = transforms;
        this.pipelines = pipelines;
    }

    @Descriptor("check a transform step's configuration from a YAML/JSON file, as saving would (POST /api/transforms/{type}/check)")
    public String transformCheck(CommandSession session, @Descriptor("transform type, e.g. filter") String type,
                                 @Descriptor("file holding the step's config, e.g. expression: price > 0") String file) {
        JsonNode config = ShellYaml.read(file);
        @SuppressWarnings("unchecked")
        Map<String, Object> values = ShellYaml.MAPPER.convertValue(config, Map.class);
        List<ConfigViolation> violations = transforms.check(logins.actor(session), type, values);
        if (violations.isEmpty()) {
            return "the " + type + " configuration is valid\n";
        }
        StringBuilder text = new StringBuilder();
        violations.forEach(v -> text.append(v.field()).append(": ").append(v.message()).append('\n'));
        return text.toString();
    }

    @Descriptor("preview a chain on a source's first rows, writing nowhere (POST /api/pipelines/preview); the file "
            + "holds source_id, stream, transforms, limit and optionally pipeline_id")
    public String preview(CommandSession session, @Descriptor("YAML/JSON file in the API's shape") String file) {
        JsonNode body = ShellYaml.read(file);
        List<TransformSpec> steps = new ArrayList<>();
        for (JsonNode step : body.path("transforms")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> config = step.has("config") ? ShellYaml.MAPPER.convertValue(step.get("config"), Map.class) : null;
            steps.add(new TransformSpec(step.path("type").isTextual() ? step.path("type").asText() : null, config));
        }
        TransformService.Preview preview = transforms.preview(logins.actor(session), new TransformService.PreviewRequest(
                text(body, "source_id"), text(body, "stream"), steps,
                body.path("limit").isInt() ? body.path("limit").asInt() : null, text(body, "pipeline_id")));
        ObjectNode node = ShellYaml.object();
        ShellYaml.put(node, "stream", preview.stream());
        node.set("input", table(preview.schema(), preview.rows()));
        ArrayNode stepNodes = node.putArray("steps");
        for (TransformPreview.StepPreview step : preview.result().steps()) {
            ObjectNode s = table(step.schema(), step.rows());
            s.put("index", step.index());
            s.put("type", step.type());
            ArrayNode rejected = s.putArray("rejected");
            step.rejected().forEach(r -> rejected.add(ShellYaml.put(ShellYaml.object(), "row", values(r.row()))
                    .put("reason", r.reason())));
            s.put("filtered", step.filtered());
            ShellYaml.put(s, "lineage", step.lineage());
            stepNodes.add(s);
        }
        ShellYaml.put(node, "error", preview.result().error());
        return ShellYaml.text(node);
    }

    @Descriptor("show a pipeline's column lineage, by id or name: source columns through the steps to the destination, "
            + "and each model's inputs (GET /api/pipelines/{id}/lineage)")
    public String lineage(CommandSession session, @Descriptor("pipeline id or name") String pipeline) {
        SavedPipeline found = pipelines.byName(pipeline).orElseGet(() -> pipelines.get(pipeline));
        TransformService.Lineage lineage = transforms.lineage(logins.actor(session), found.id());
        StringBuilder text = new StringBuilder();
        for (TransformService.StreamLineage stream : lineage.streams()) {
            text.append(stream.stream()).append(" -> ").append(stream.destinationNamespace()).append('.')
                    .append(stream.destinationTable()).append('\n');
            if (stream.error() != null) {
                text.append("  ").append(stream.error().field()).append(": ").append(stream.error().message()).append('\n');
            }
            TextTable table = new TextTable("DESTINATION", "SOURCES", "STEPS");
            stream.columns().forEach(c -> table.row(c.destination(), String.join(", ", c.sources()),
                    c.steps().stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("")));
            text.append(table);
        }
        for (TransformService.ModelLineage model : lineage.models()) {
            text.append("model ").append(model.targetNamespace()).append('.').append(model.name()).append(" (")
                    .append(model.materialization()).append(") <- ").append(String.join(", ", model.inputs())).append('\n');
        }
        return text.toString();
    }

    private static ObjectNode table(Schema schema, List<Object[]> rows) {
        ObjectNode node = ShellYaml.object();
        ArrayNode columns = node.putArray("columns");
        schema.fields().forEach(f -> columns.add(f.name() + " " + f.type() + (f.nullable() ? "" : " not null")));
        ArrayNode rowNodes = node.putArray("rows");
        rows.forEach(row -> rowNodes.add(ShellYaml.MAPPER.valueToTree(values(row))));
        return node;
    }

    /** @return the row's values as YAML shows them: date/time and other values as their text, ABSENT as null */
    private static List<Object> values(Object[] row) {
        return Arrays.stream(row).map(v -> v == null || v == RecordBatch.ABSENT ? null
                : v instanceof Number || v instanceof Boolean || v instanceof String ? v
                : v instanceof byte[] bytes ? Base64.getEncoder().encodeToString(bytes) : v.toString()).toList();
    }

    private static String text(JsonNode body, String field) {
        return body.path(field).isTextual() ? body.path(field).asText() : null;
    }
}
