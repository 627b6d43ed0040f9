package io.arus.transform.python;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.arus.api.record.RecordBatch;
import io.arus.api.transform.TransformException;
import io.arus.api.transform.TransformResult;
import io.arus.api.transform.TransformStep;
import io.arus.api.type.Field;
import io.arus.api.type.Schema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A python step: each batch goes to the runner as a list of dicts and comes back as a list of dicts, converted by
 * the column types. The output schema is the input's plus the declared columns.
 */
final class PythonStep implements TransformStep {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();

    private final RunnerProcess runner;
    private final Schema input;
    private final Schema output;
    private final int timeoutSeconds;

    PythonStep(RunnerProcess runner, Schema input, Schema output, int timeoutSeconds) {
        this.runner = runner;
        this.input = input;
        this.output = output;
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * Sends the code and the input types; the runner compiles and runs the code and answers whether
     * {@code transform} is defined.
     *
     * @param code the step's code
     * @return null when the runner is ready, else its error (a traceback)
     * @throws TransformException when the runner dies or times out
     */
    String handshake(String code) throws TransformException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (JsonGenerator out = JSON.createGenerator(buffer)) {
            out.writeStartObject();
            out.writeStringField("code", code);
            out.writeObjectFieldStart("types");
            for (Field field : input.fields()) {
                out.writeStringField(field.name(), field.type().toString());
            }
            out.writeEndObject();
            out.writeEndObject();
        } catch (IOException e) {
            throw new TransformException("cannot encode the python step's code: " + e.getMessage(), e);
        }
        byte[] answer = runner.exchange(buffer.toByteArray(), timeoutSeconds, "loading the code");
        try (JsonParser in = JSON.createParser(answer)) {
            in.nextToken();
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String name = in.currentName();
                in.nextToken();
                if (name.equals("error")) {
                    return in.getText();
                }
                in.skipChildren();
            }
            return null;
        } catch (IOException e) {
            throw new TransformException("python runner answered something that is not JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public Schema outputSchema() {
        return output;
    }

    @Override
    public TransformResult apply(RecordBatch batch) throws TransformException {
        if (batch.isEmpty()) {
            return TransformResult.of(RecordBatch.of(output, List.of(), batch.offsetAfter()));
        }
        byte[] answer = runner.exchange(encode(batch), timeoutSeconds, "transforming a batch");
        List<Object[]> rows = decode(answer);
        long filtered = Math.max(0, batch.size() - rows.size());
        return new TransformResult(RecordBatch.of(output, rows, batch.offsetAfter()), List.of(), filtered);
    }

    private byte[] encode(RecordBatch batch) throws TransformException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(batch.size() * 64);
        List<Field> fields = input.fields();
        try (JsonGenerator out = JSON.createGenerator(buffer)) {
            out.writeStartObject();
            out.writeArrayFieldStart("rows");
            for (Object[] row : batch.rows()) {
                out.writeStartObject();
                for (int i = 0; i < fields.size(); i++) {
                    Object value = row[i];
                    if (value == RecordBatch.ABSENT) {
                        continue;
                    }
                    out.writeFieldName(fields.get(i).name());
                    if (value == null) {
                        out.writeNull();
                    } else {
                        ValueCodec.write(out, fields.get(i).type(), value);
                    }
                }
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        } catch (IOException | ClassCastException e) {
            throw new TransformException("cannot send the batch to the python runner: " + e.getMessage(), e);
        }
        return buffer.toByteArray();
    }

    private List<Object[]> decode(byte[] answer) throws TransformException {
        try (JsonParser in = JSON.createParser(answer)) {
            in.nextToken();
            List<Object[]> rows = null;
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String name = in.currentName();
                in.nextToken();
                if (name.equals("error")) {
                    throw new TransformException("python transform(rows) raised an exception:\n" + in.getText());
                }
                if (name.equals("rows")) {
                    rows = readRows(in);
                } else {
                    in.skipChildren();
                }
            }
            if (rows == null) {
                throw new TransformException("python runner answered without rows");
            }
            return rows;
        } catch (IOException e) {
            throw new TransformException("python runner answered something that is not JSON: " + e.getMessage(), e);
        }
    }

    private List<Object[]> readRows(JsonParser in) throws IOException, TransformException {
        List<Object[]> rows = new ArrayList<>();
        while (in.nextToken() == JsonToken.START_OBJECT) {
            Object[] row = new Object[output.size()];
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String name = in.currentName();
                OptionalInt index = output.indexOf(name);
                if (index.isEmpty()) {
                    throw new TransformException("python transform(rows) returned the key '" + name + "' in row "
                            + rows.size() + ", which is not a column of the step's output (the input columns "
                            + input.names() + " plus those declared in columns); declare it in columns");
                }
                Field field = output.field(index.getAsInt());
                in.nextToken();
                try {
                    row[index.getAsInt()] = ValueCodec.read(in, field.type());
                } catch (IllegalArgumentException e) {
                    throw new TransformException("python transform(rows) returned a bad value for column '" + name
                            + "' (" + field.type() + ") in row " + rows.size() + ": " + e.getMessage(), e);
                }
            }
            rows.add(row);
        }
        return rows;
    }

    /** Existing columns come from themselves; a declared new column may come from any input column. */
    @Override
    public Map<String, List<String>> lineage(Schema input) {
        Map<String, List<String>> lineage = new LinkedHashMap<>();
        for (Field field : output.fields()) {
            lineage.put(field.name(), input.indexOf(field.name()).isPresent() ? List.of(field.name()) : input.names());
        }
        return lineage;
    }

    /** Ends the runner process. */
    @Override
    public void close() {
        runner.close();
    }
}
