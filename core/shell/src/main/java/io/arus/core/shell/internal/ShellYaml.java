package io.arus.core.shell.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.arus.core.model.InvalidModelException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * YAML in and out of the shell: what {@code arus:source} and friends print (the API's JSON names), and the files
 * {@code arus:sourcecreate} and friends read. JSON is YAML too.
 */
final class ShellYaml {
    /** The largest file a create command reads; a definition is a few KB. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    static final YAMLMapper MAPPER = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .build())
            .build();

    private ShellYaml() {
    }

    /** @return an object node that {@link #put} fills in order */
    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ObjectNode put(ObjectNode node, String field, Object value) {
        if (value instanceof Instant at) {
            node.put(field, at.toString());
        } else {
            node.set(field, MAPPER.valueToTree(value));
        }
        return node;
    }

    /** @return the node's fields after those already in {@code into} */
    static ObjectNode merge(ObjectNode into, Object value) {
        JsonNode tree = MAPPER.valueToTree(value);
        tree.fields().forEachRemaining(e -> into.set(e.getKey(), e.getValue()));
        return into;
    }

    static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write YAML: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @return the file's tree
     * @throws InvalidModelException naming {@code file} when it cannot be read, is too large or is not YAML
     */
    static JsonNode read(String file) {
        Path path = Path.of(file);
        try {
            if (!Files.isRegularFile(path)) {
                throw invalid("no such file: " + path.toAbsolutePath());
            }
            if (Files.size(path) > MAX_FILE_BYTES) {
                throw invalid("is larger than " + MAX_FILE_BYTES + " bytes");
            }
            return MAPPER.readTree(Files.readString(path));
        } catch (JsonProcessingException e) {
            throw invalid("is not YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** @return the file as text, bounded as {@link #read} */
    static String readText(String file) {
        Path path = Path.of(file);
        try {
            if (!Files.isRegularFile(path)) {
                throw invalid("no such file: " + path.toAbsolutePath());
            }
            if (Files.size(path) > 10 * MAX_FILE_BYTES) {
                throw invalid("is larger than " + 10 * MAX_FILE_BYTES + " bytes");
            }
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static InvalidModelException invalid(String message) {
        return new InvalidModelException(List.of(new io.arus.api.config.ConfigViolation("file", message)));
    }
}
