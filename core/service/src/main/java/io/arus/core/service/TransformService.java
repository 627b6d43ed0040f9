package io.arus.core.service;

import io.arus.api.config.ConfigViolation;
import io.arus.api.type.Schema;
import io.arus.core.engine.TransformPreview;
import io.arus.core.model.TransformSpec;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Transform steps outside a run, for every interface (REST, the shell): a step's configuration checked as the user
 * types it, a chain previewed on a source's first rows (written nowhere), and a saved pipeline's column lineage.
 *
 * <p>Errors: {@link io.arus.core.model.InvalidModelException} naming the field (400), {@link NotFoundException}
 * (404), {@link ConnectionFailedException} (the source could not be read), {@link ForbiddenException} (403).
 */
@ProviderType
public interface TransformService {
    /** The most rows a preview reads. */
    int MAX_PREVIEW_ROWS = 500;

    /**
     * Checks one step's configuration as saving a pipeline would (editor).
     *
     * @param type   the transform type key
     * @param config the configuration; null is empty
     * @return every violation, named by the configuration field ({@code expression}); empty when it is fine
     * @throws NotFoundException when no transform of that type is installed
     */
    List<ConfigViolation> check(Actor actor, String type, Map<String, Object> config);

    /**
     * Reads up to {@code limit} rows of a source stream and runs the steps over them (editor). Nothing is written.
     *
     * @return the rows read and what each step made of them; a step that cannot be opened ends the preview there
     */
    Preview preview(Actor actor, PreviewRequest request);

    /**
     * The column lineage of a saved pipeline (viewer): per stream, source columns through the steps to the
     * destination columns (the source is discovered, no data is read), and each model's inputs.
     *
     * @throws NotFoundException when no pipeline has the id
     */
    Lineage lineage(Actor actor, String pipelineId);

    /**
     * @param sourceId   the source to read
     * @param stream     {@code namespace.table}
     * @param transforms the steps, as a client sent them
     * @param limit      rows to read, 1 to {@link #MAX_PREVIEW_ROWS}; null for 20
     * @param pipelineId a saved pipeline whose stored step secrets fill masked values, or null
     */
    record PreviewRequest(String sourceId, String stream, List<TransformSpec> transforms, Integer limit,
                          String pipelineId) {
    }

    /**
     * @param stream the stream read
     * @param schema its schema as discovered
     * @param rows   the rows read
     * @param result each step's output, and the step that stopped the preview if one did
     */
    record Preview(String stream, Schema schema, List<Object[]> rows, TransformPreview.Result result) {
    }

    /**
     * @param streams each stream's column lineage
     * @param models  each model's inputs
     */
    record Lineage(List<StreamLineage> streams, List<ModelLineage> models) {
    }

    /**
     * @param stream               {@code namespace.table}
     * @param sourceNamespace      the source namespace
     * @param sourceTable          the source table
     * @param destinationNamespace the destination namespace (the pipeline's target namespace)
     * @param destinationTable     the destination table
     * @param steps                each step with its lineage (output column to input columns)
     * @param columns              each destination column with the source columns it comes from and the steps
     *                             that touched it
     * @param error                why the chain could not be opened on the source's schema, or null
     */
    record StreamLineage(String stream, String sourceNamespace, String sourceTable, String destinationNamespace,
                         String destinationTable, List<StepLineage> steps, List<ColumnLineage> columns,
                         TransformPreview.StepError error) {
    }

    /**
     * @param index   the step's position
     * @param type    its transform type
     * @param lineage output column to the input columns it comes from
     */
    record StepLineage(int index, String type, Map<String, List<String>> lineage) {
    }

    /**
     * @param destination the destination column
     * @param sources     the source columns it comes from (none for a constant)
     * @param steps       the positions of the steps that renamed, derived, cast or named it
     */
    record ColumnLineage(String destination, List<String> sources, List<Integer> steps) {
    }

    /**
     * @param name            the model
     * @param materialization table, view or incremental
     * @param targetNamespace where it is made
     * @param inputs          its ref() targets: streams or earlier models
     */
    record ModelLineage(String name, String materialization, String targetNamespace, List<String> inputs) {
    }
}
