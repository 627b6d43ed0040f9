package io.arus.core.engine;

import io.arus.api.record.RecordBatch;
import io.arus.api.transform.TransformException;
import io.arus.api.transform.TransformResult;
import io.arus.api.type.Schema;
import io.arus.core.engine.internal.ChainOpenException;
import io.arus.core.engine.internal.StepContext;
import io.arus.core.engine.internal.TransformChain;
import io.arus.core.model.TransformSpec;
import io.arus.core.platform.PluginCatalog;
import io.arus.core.security.ConnectionSecrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a transform chain over sample rows and writes nowhere: what each step makes of them, for the console's
 * preview. Steps are opened exactly as a run opens them (the same types, configuration and schema hand-over).
 */
public final class TransformPreview {
    private final PluginCatalog catalog;
    private final ConnectionSecrets secrets;

    /**
     * A rejected row.
     *
     * @param row    the row as it entered the step
     * @param reason the step's reason
     */
    public record Rejected(Object[] row, String reason) {
    }

    /**
     * What one step made of the rows.
     *
     * @param index    the step's position
     * @param type     its transform type
     * @param schema   its output schema
     * @param rows     its output rows
     * @param rejected the rows it rejected, with their reasons
     * @param filtered how many rows it left out on purpose
     * @param lineage  output column to the input columns it comes from ({@code TransformStep.lineage})
     */
    public record StepPreview(int index, String type, Schema schema, List<Object[]> rows, List<Rejected> rejected,
                              long filtered, Map<String, List<String>> lineage) {
    }

    /**
     * A step that could not be opened or failed on the rows.
     *
     * @param step    its position
     * @param field   the field path, e.g. {@code transforms[2].config.columns} ({@code transforms[2]} when the step
     *                failed on the rows)
     * @param message what is wrong, naming the step
     */
    public record StepError(int step, String field, String message) {
    }

    /**
     * @param steps the steps that ran, in order
     * @param error the step that stopped the preview, or null when every step ran
     */
    public record Result(List<StepPreview> steps, StepError error) {
    }

    /**
     * @param catalog the installed transform types
     * @param secrets decrypts sealed step secrets (a hash salt) and resolves secret references
     */
    public TransformPreview(PluginCatalog catalog, ConnectionSecrets secrets) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    /**
     * Opens the steps one by one and passes the rows through them; stops at the first step that cannot be opened
     * or fails on the rows, answering the steps before it and the error.
     *
     * @param pipelineId the pipeline the steps belong to (a per-pipeline value such as a salt depends on it); may
     *                   be null for an unsaved pipeline
     * @param stream     the stream, {@code namespace.table}
     * @param input      the schema of the rows
     * @param rows       the sample rows, in that schema
     * @param specs      the steps, stored or as a client sent them (sealed secrets are decrypted)
     * @return each step's output and the error, if any
     */
    public Result preview(String pipelineId, String stream, Schema input, List<Object[]> rows, List<TransformSpec> specs) {
        StepError error = null;
        TransformChain chain;
        try {
            chain = open(pipelineId, stream, input, specs);
        } catch (ChainOpenException e) {
            error = new StepError(e.step(), e.field(), e.getMessage());
            try {
                chain = open(pipelineId, stream, input, specs.subList(0, e.step()));
            } catch (ChainOpenException again) {
                return new Result(List.of(), new StepError(again.step(), again.field(), again.getMessage()));
            }
        }
        List<StepPreview> previews = new ArrayList<>();
        try (TransformChain opened = chain) {
            Schema schema = input;
            List<Object[]> current = List.copyOf(rows);
            for (TransformChain.OpenedStep step : opened.steps()) {
                TransformResult result;
                try {
                    result = step.step().apply(RecordBatch.of(schema, current, null));
                } catch (TransformException | RuntimeException e) {
                    return new Result(previews, new StepError(step.index(), "transforms[" + step.index() + "]",
                            "step " + (step.index() + 1) + " (" + step.type() + "): " + e.getMessage()));
                }
                List<Rejected> rejected = result.rejected().stream().map(r -> new Rejected(r.values(), r.reason())).toList();
                previews.add(new StepPreview(step.index(), step.type(), step.step().outputSchema(), result.batch().rows(),
                        rejected, result.filtered(), step.step().lineage(schema)));
                schema = step.step().outputSchema();
                current = result.batch().rows();
            }
        }
        return new Result(previews, error);
    }

    private TransformChain open(String pipelineId, String stream, Schema input, List<TransformSpec> specs)
            throws ChainOpenException {
        return TransformChain.open(catalog, secrets::decrypt, specs, input, StepContext.preview(pipelineId, stream));
    }
}
