package io.arus.core.engine.internal;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.api.config.ConfigViolation;
import io.arus.api.record.RecordBatch;
import io.arus.api.transform.RejectedRow;
import io.arus.api.transform.Transform;
import io.arus.api.transform.TransformContext;
import io.arus.api.transform.TransformException;
import io.arus.api.transform.TransformResult;
import io.arus.api.transform.TransformStep;
import io.arus.api.type.Schema;
import io.arus.core.model.TransformSpec;
import io.arus.core.platform.PluginCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A stream's transform steps, opened in order (the input of step i+1 is the output of step i) and applied in order
 * to each batch. Rejected rows are traced back to the row as it entered the chain, so that a replay can run the
 * chain again; rows a step filters are counted. An empty chain passes batches through. When a step
 * {@linkplain TransformStep#writesInPlace() writes in place}, the chain copies each batch's rows once as they enter
 * and every step works on those copies.
 */
public final class TransformChain implements AutoCloseable {
    private final Schema input;
    private final List<OpenedStep> steps;
    private final boolean inPlace;

    /**
     * One opened step.
     *
     * @param index   its position in the chain
     * @param type    its transform type
     * @param service the transform service that opened it (to notice when its bundle goes away)
     * @param input   the schema it was opened with
     * @param step    the step
     */
    public record OpenedStep(int index, String type, Transform service, Schema input, TransformStep step) {
    }

    /**
     * What the chain made of a batch.
     *
     * @param batch    the rows that go on, in the chain's output schema, with the input's offset
     * @param rejected the rows steps rejected
     * @param filtered the rows steps left out on purpose
     */
    public record Outcome(RecordBatch batch, List<ChainReject> rejected, long filtered) {
    }

    private TransformChain(Schema input, List<OpenedStep> steps) {
        this.input = input;
        this.steps = steps;
        this.inPlace = steps.stream().anyMatch(s -> s.step().writesInPlace());
    }

    /**
     * Opens every step; on failure closes those already open.
     *
     * @param catalog the transform types installed now
     * @param decrypt turns a stored step configuration into clear values (secrets decrypted, references resolved)
     * @param specs   the steps
     * @param input   the schema of the batches the chain receives
     * @param context the run (or preview) the steps work for
     * @return the opened chain
     * @throws ChainOpenException naming the step that could not be opened and its field
     */
    public static TransformChain open(PluginCatalog catalog, UnaryOperator<Map<String, Object>> decrypt,
                                      List<TransformSpec> specs, Schema input, TransformContext context)
            throws ChainOpenException {
        List<OpenedStep> opened = new ArrayList<>(specs.size());
        Schema schema = input;
        try {
            for (int i = 0; i < specs.size(); i++) {
                TransformSpec spec = specs.get(i);
                OpenedStep step = openStep(catalog, decrypt, i, spec, schema, context);
                opened.add(step);
                schema = step.step().outputSchema();
            }
        } catch (ChainOpenException | RuntimeException e) {
            new TransformChain(input, opened).close();
            throw e;
        }
        return new TransformChain(input, List.copyOf(opened));
    }

    private static OpenedStep openStep(PluginCatalog catalog, UnaryOperator<Map<String, Object>> decrypt, int index,
                                       TransformSpec spec, Schema schema, TransformContext context)
            throws ChainOpenException {
        String at = "transforms[" + index + "]";
        String name = "step " + (index + 1) + " (" + spec.type() + ")";
        Optional<Transform> found = spec.type() == null ? Optional.empty() : catalog.transform(spec.type());
        if (found.isEmpty()) {
            throw new ChainOpenException(index, at + ".type", name + ": transform type '" + spec.type()
                    + "' is not installed");
        }
        Transform transform = found.get();
        try {
            Config config = transform.descriptor().config().resolve(decrypt.apply(spec.config()));
            return new OpenedStep(index, spec.type(), transform, schema, transform.open(config, schema, context));
        } catch (ConfigException e) {
            ConfigViolation first = e.violations().isEmpty() ? new ConfigViolation("", e.getMessage()) : e.violations().get(0);
            String field = first.field() == null || first.field().isEmpty() ? at + ".config" : at + ".config." + first.field();
            throw new ChainOpenException(index, field, name + ": " + first.message());
        }
    }

    /** @return the schema of the batches {@link #apply} returns */
    public Schema outputSchema() {
        return steps.isEmpty() ? input : steps.get(steps.size() - 1).step().outputSchema();
    }

    /**
     * Checks the chain keeps columns the destination needs (the primary key, the soft-delete column).
     *
     * @param columns the columns of the chain's input that must reach its output
     * @param role    what they are, for the message, e.g. {@code "primary key column"}
     * @throws IllegalArgumentException naming the step that dropped one
     */
    public void requireColumns(List<String> columns, String role) {
        for (String column : columns) {
            if (input.indexOf(column).isEmpty() || outputSchema().indexOf(column).isPresent()) {
                continue;
            }
            OpenedStep dropping = steps.stream().filter(s -> s.step().outputSchema().indexOf(column).isEmpty())
                    .findFirst().orElseThrow();
            throw new IllegalArgumentException("step " + (dropping.index() + 1) + " (" + dropping.type() + ") drops the "
                    + role + " '" + column + "', which the destination needs; keep it in the chain's output");
        }
    }

    /** @return the opened steps, in order */
    public List<OpenedStep> steps() {
        return steps;
    }

    /**
     * @param catalog the transform types installed now
     * @return the first step whose transform service is no longer the one that opened it (its bundle went away or
     *         was replaced), if any
     */
    public Optional<OpenedStep> goneStep(PluginCatalog catalog) {
        return steps.stream().filter(s -> catalog.transform(s.type()).filter(t -> t == s.service()).isEmpty()).findFirst();
    }

    /**
     * Applies the steps in order.
     *
     * @param batch a batch in the chain's input schema
     * @return the output, the rejects (each traced back to the row as it entered the chain when possible) and the
     *         filtered count
     * @throws TransformException when a step cannot go on; its message names the step
     */
    public Outcome apply(RecordBatch batch) throws TransformException {
        if (steps.isEmpty()) {
            return new Outcome(batch, List.of(), 0);
        }
        // the rows each step was given: a reject is traced back to the chain's input only when a step rejects,
        // so a batch no step rejects from costs no tracing
        List<List<Object[]>> given = new ArrayList<>(steps.size() + 1);
        List<Object[]> origins = batch.rows();
        int tracedTo = 0;
        // steps that write into rows get the chain's own copies: one copy per row for the whole chain, and the
        // source's rows stay as they were read, for the raw zone and for tracing rejects
        RecordBatch current = inPlace ? RecordBatch.of(batch.schema(), copies(batch.rows()), batch.offsetAfter()) : batch;
        List<ChainReject> rejected = new ArrayList<>();
        long filtered = 0;
        for (OpenedStep step : steps) {
            given.add(current.rows());
            TransformResult result;
            try {
                result = inPlace ? step.step().applyInPlace(current) : step.step().apply(current);
            } catch (TransformException e) {
                throw new TransformException("step " + (step.index() + 1) + " (" + step.type() + "): " + e.getMessage(), e);
            }
            if (!result.rejected().isEmpty()) {
                origins = trace(given, origins, tracedTo, step.index());
                RowTrace trace = new RowTrace(current.rows(), origins);
                for (RejectedRow row : result.rejected()) {
                    Object[] origin = trace.reject(row.values());
                    rejected.add(origin != null
                            ? new ChainReject(step.index(), step.type(), row.reason(), input, origin)
                            : new ChainReject(step.index(), step.type(), row.reason(), step.input(), row.values()));
                }
                origins = trace.outputs(result.batch().rows());
                tracedTo = step.index() + 1;
            }
            filtered += result.filtered();
            current = result.batch();
        }
        if (current.newKeys()) {
            // a step may have made or changed keys: the source's promise does not hold for what it returns
            current = RecordBatch.of(current.schema(), current.rows(), current.offsetAfter())
                    .withUnreadable(current.unreadable());
        }
        return new Outcome(current, rejected, filtered);
    }

    private static List<Object[]> copies(List<Object[]> rows) {
        List<Object[]> copies = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            copies.add(row.clone());
        }
        return copies;
    }

    /**
     * Follows rows through steps that rejected nothing.
     *
     * @param given   the rows each step was given, up to and including step {@code to}
     * @param origins the chain-input row of each row given to step {@code from}, or null when they cannot be told
     * @return the chain-input row of each row given to step {@code to}, or null when they cannot be told
     */
    private static List<Object[]> trace(List<List<Object[]>> given, List<Object[]> origins, int from, int to) {
        for (int i = from; i < to && origins != null; i++) {
            List<Object[]> kept = RowTrace.keptInOrder(given.get(i), origins, given.get(i + 1));
            origins = kept != null ? kept : new RowTrace(given.get(i), origins).outputs(given.get(i + 1));
        }
        return origins;
    }

    /** Closes every step, last first; a step that fails to close does not keep the others open. */
    @Override
    public void close() {
        for (int i = steps.size() - 1; i >= 0; i--) {
            try {
                steps.get(i).step().close();
            } catch (RuntimeException e) {
                // closing is best effort: the stream is over either way
            }
        }
    }
}
