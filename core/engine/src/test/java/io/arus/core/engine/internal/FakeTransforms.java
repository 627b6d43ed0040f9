package io.arus.core.engine.internal;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.api.config.ConfigField;
import io.arus.api.config.ConfigSpec;
import io.arus.api.config.FieldType;
import io.arus.api.connector.Connector;
import io.arus.api.notify.Notifier;
import io.arus.api.plugin.TypeDescriptor;
import io.arus.api.record.RecordBatch;
import io.arus.api.transform.RejectedRow;
import io.arus.api.transform.Transform;
import io.arus.api.transform.TransformContext;
import io.arus.api.transform.TransformException;
import io.arus.api.transform.TransformResult;
import io.arus.api.transform.TransformStep;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import io.arus.core.platform.PluginCatalog;
import io.arus.core.platform.PluginKind;
import io.arus.core.platform.PluginType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plugin catalog with small fake transform types: {@code upper} (upper-cases {@code column}, refused when the
 * column is missing), {@code positive} (rejects rows whose int64 {@code column} is negative, returns new arrays),
 * {@code even} (filters out odd values of {@code column}, returns the same arrays), {@code drop} (drops
 * {@code column}), {@code fail} (throws), {@code salted} (appends its secret {@code salt} as a column) and
 * {@code lower} (lower-cases {@code column}, in the given arrays when the chain owns them).
 */
public final class FakeTransforms implements PluginCatalog {
    /** The registered types; a test may remove or replace one. */
    public final Map<String, Transform> transforms = new HashMap<>();
    /** How many steps were closed. */
    public int closed;

    /** Registers every fake type. */
    public FakeTransforms() {
        for (String type : List.of("upper", "positive", "even", "drop", "fail", "salted", "lower")) {
            transforms.put(type, new Fake(type));
        }
    }

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
        return Optional.ofNullable(transforms.get(type));
    }

    @Override
    public Optional<Notifier> notifier(String type) {
        return Optional.empty();
    }

    /** Registers a fresh instance of a type, as when its bundle is updated. */
    public void replace(String type) {
        transforms.put(type, new Fake(type));
    }

    private final class Fake implements Transform {
        private final String type;

        Fake(String type) {
            this.type = type;
        }

        @Override
        public TypeDescriptor descriptor() {
            List<ConfigField> fields = new ArrayList<>();
            fields.add(ConfigField.builder("column", FieldType.STRING).build());
            if (type.equals("salted")) {
                fields.add(ConfigField.builder("salt", FieldType.SECRET).required().build());
            }
            return new TypeDescriptor(type, type, "1.0.0", "", "", ConfigSpec.of(fields));
        }

        @Override
        public TransformStep open(Config config, Schema input, TransformContext context) throws ConfigException {
            String column = config.string("column", "n");
            int at = input.indexOf(column).orElse(-1);
            if (at < 0 && !type.equals("salted") && !type.equals("fail")) {
                throw new ConfigException("column", "no column '" + column + "' in the input");
            }
            return switch (type) {
                case "upper" -> step(input, batch -> TransformResult.of(batch.withRows(batch.rows().stream().map(r -> {
                    Object[] copy = r.clone();
                    copy[at] = String.valueOf(copy[at]).toUpperCase();
                    return copy;
                }).toList())));
                case "positive" -> step(input, batch -> {
                    List<Object[]> out = new ArrayList<>();
                    List<RejectedRow> rejected = new ArrayList<>();
                    for (Object[] r : batch.rows()) {
                        if (((Number) r[at]).longValue() < 0) {
                            rejected.add(new RejectedRow(r.clone(), column + ": negative"));
                        } else {
                            out.add(r.clone());
                        }
                    }
                    return new TransformResult(batch.withRows(out), rejected);
                });
                case "even" -> step(input, batch -> {
                    List<Object[]> out = batch.rows().stream().filter(r -> ((Number) r[at]).longValue() % 2 == 0).toList();
                    return new TransformResult(batch.withRows(out), List.of(), batch.size() - out.size());
                });
                case "drop" -> dropStep(input, at);
                case "lower" -> lowerStep(input, at);
                case "salted" -> saltStep(input, config.string("salt"));
                default -> step(input, batch -> {
                    throw new TransformException("runner died");
                });
            };
        }
    }

    private interface Apply {
        TransformResult apply(RecordBatch batch) throws TransformException;
    }

    private TransformStep step(Schema output, Apply apply) {
        return new TransformStep() {
            @Override
            public Schema outputSchema() {
                return output;
            }

            @Override
            public TransformResult apply(RecordBatch batch) throws TransformException {
                return apply.apply(batch);
            }

            @Override
            public void close() {
                closed++;
            }
        };
    }

    private TransformStep lowerStep(Schema input, int at) {
        return new TransformStep() {
            @Override
            public Schema outputSchema() {
                return input;
            }

            @Override
            public TransformResult apply(RecordBatch batch) {
                return applyInPlace(batch.withRows(batch.rows().stream().map(Object[]::clone).toList()));
            }

            @Override
            public boolean writesInPlace() {
                return true;
            }

            @Override
            public TransformResult applyInPlace(RecordBatch batch) {
                for (Object[] row : batch.rows()) {
                    row[at] = String.valueOf(row[at]).toLowerCase();
                }
                return TransformResult.of(batch);
            }
        };
    }

    private TransformStep dropStep(Schema input, int at) {
        List<Field> fields = new ArrayList<>(input.fields());
        fields.remove(at);
        Schema output = Schema.of(fields);
        return step(output, batch -> TransformResult.of(RecordBatch.of(output, batch.rows().stream().map(r -> {
            List<Object> values = new ArrayList<>(List.of(r));
            values.remove(at);
            return values.toArray();
        }).toList(), batch.offsetAfter())));
    }

    private TransformStep saltStep(Schema input, String salt) {
        Schema output = input.with(Field.of("salt", LogicalType.STRING, false));
        return step(output, batch -> TransformResult.of(RecordBatch.of(output, batch.rows().stream().map(r -> {
            Object[] copy = java.util.Arrays.copyOf(r, r.length + 1);
            copy[r.length] = salt;
            return copy;
        }).toList(), batch.offsetAfter())));
    }
}
