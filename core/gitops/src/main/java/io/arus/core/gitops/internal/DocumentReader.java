package io.arus.core.gitops.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.arus.core.gitops.InvalidDocumentException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a pipelines-as-code document: a YAML mapping of up to four lists ({@code sources}, {@code destinations},
 * {@code notification_targets}, {@code pipelines}) of mappings, each with a unique {@code name}. It records where
 * each field was written, and names positions as the plan and errors do: by the object's name
 * ({@code pipelines[orders].streams[2]}). Only the document's shape is checked here; the objects are checked by
 * {@link Canonical}.
 */
public final class DocumentReader {
    /** The longest document read, in characters (the API's body limit is 1 MB). */
    public static final int MAX_CHARS = 1024 * 1024;
    private static final int MAX_DEPTH = 64;
    private static final int MAX_NAME = 100;

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final YAMLFactory YAML = yamlFactory();

    private DocumentReader() {
    }

    private static YAMLFactory yamlFactory() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CHARS + 1);
        YAMLFactory factory = YAMLFactory.builder().loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build();
        return factory;
    }

    /** A document read: its objects and where their fields were written. */
    public record Read(State state, Located places) {
    }

    /**
     * Reads several files as one desired state: an object may be named in one file only.
     *
     * @param files file name to text, in the order to read them
     * @return the objects of all files, and where each was written
     * @throws InvalidDocumentException for the first file with a problem, or an object named in two files
     */
    public static Read readAll(java.util.SortedMap<String, String> files) throws InvalidDocumentException {
        State state = new State();
        Located places = new Located();
        for (java.util.Map.Entry<String, String> file : files.entrySet()) {
            Read read = read(file.getKey(), file.getValue());
            for (Kind kind : Kind.ALL) {
                for (java.util.Map.Entry<String, ObjectNode> object : read.state().of(kind).entrySet()) {
                    String path = kind.section() + "[" + object.getKey() + "]";
                    if (state.has(kind, object.getKey())) {
                        Located.Place here = read.places().of(path);
                        Located.Place there = places.of(path);
                        throw fail(file.getKey(), here.line(), here.column(), path + ".name",
                                "is also given in " + there.file());
                    }
                    state.put(kind, object.getKey(), object.getValue());
                }
            }
            places.putAll(read.places());
        }
        return new Read(state, places);
    }

    /**
     * @param file the file name to put in errors and places, or null for a request body
     * @param text the document
     * @return the objects, in the document form (names as references), unchecked beyond their shape
     * @throws InvalidDocumentException naming the path, line and column of the first problem
     */
    public static Read read(String file, String text) throws InvalidDocumentException {
        if (text.length() > MAX_CHARS) {
            throw fail(file, 0, 0, null, "the document is longer than 1 MB");
        }
        Located places = new Located();
        State state = new State();
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new Read(state, places);
            }
            if (first != JsonToken.START_OBJECT) {
                throw at(file, parser.currentTokenLocation(), null,
                        "a document is a mapping of sources, destinations, notification_targets and pipelines");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String section = parser.currentName();
                JsonLocation sectionAt = parser.currentTokenLocation();
                Kind kind = Kind.ofSection(section);
                if (kind == null) {
                    throw at(file, sectionAt, section,
                            "is not a section; use sources, destinations, notification_targets or pipelines");
                }
                JsonToken token = parser.nextToken();
                if (token == JsonToken.VALUE_NULL || token == JsonToken.VALUE_STRING && parser.getText().isEmpty()) {
                    continue;
                }
                if (token != JsonToken.START_ARRAY) {
                    throw at(file, sectionAt, section, "must be a list of objects, each with a name");
                }
                readSection(file, parser, kind, state, places);
            }
            if (parser.nextToken() != null) {
                throw at(file, parser.currentTokenLocation(), null, "only one YAML document is read per file");
            }
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw fail(file, where == null ? 0 : where.getLineNr(), where == null ? 0 : where.getColumnNr(), null,
                    "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw fail(file, 0, 0, null, "not readable: " + e.getMessage());
        }
        return new Read(state, places);
    }

    private static void readSection(String file, JsonParser parser, Kind kind, State state, Located places)
            throws IOException, InvalidDocumentException {
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            String indexPath = kind.section() + "[" + index + "]";
            JsonLocation start = parser.currentTokenLocation();
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw at(file, start, indexPath, "must be an object with a name");
            }
            List<Object[]> fieldPlaces = new ArrayList<>();
            ObjectNode object = (ObjectNode) value(parser, file, "", fieldPlaces);
            JsonNode name = object.get("name");
            if (name == null || !name.isTextual() || name.asText().isBlank()) {
                throw at(file, start, indexPath + ".name", "is required: every object has a name");
            }
            String n = name.asText();
            if (n.length() > MAX_NAME) {
                throw at(file, start, indexPath + ".name", "must be at most " + MAX_NAME + " characters");
            }
            String path = kind.section() + "[" + n + "]";
            if (state.has(kind, n)) {
                throw at(file, start, path + ".name", "is given twice");
            }
            state.put(kind, n, object);
            places.put(path, place(file, start));
            for (Object[] field : fieldPlaces) {
                places.put(path + field[0], (Located.Place) field[1]);
            }
            index++;
        }
    }

    /** Reads the value at the current token into a tree, noting where each field started. */
    private static JsonNode value(JsonParser parser, String file, String path, List<Object[]> fieldPlaces)
            throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    String child = path + "." + name;
                    fieldPlaces.add(new Object[] {child, place(file, parser.currentTokenLocation())});
                    parser.nextToken();
                    object.set(name, value(parser, file, child, fieldPlaces));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                int i = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    String child = path + "[" + i++ + "]";
                    fieldPlaces.add(new Object[] {child, place(file, parser.currentTokenLocation())});
                    array.add(value(parser, file, child, fieldPlaces));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> NODES.textNode(parser.getText());
        };
    }

    private static Located.Place place(String file, JsonLocation at) {
        return new Located.Place(file, at.getLineNr(), at.getColumnNr());
    }

    private static InvalidDocumentException at(String file, JsonLocation where, String path, String message) {
        return fail(file, where.getLineNr(), where.getColumnNr(), path, message);
    }

    /** @return the exception for one offending field, its message saying where */
    static InvalidDocumentException fail(String file, int line, int column, String path, String message) {
        String text = prefix(file) + (path == null ? "" : path + ": ") + message
                + (line > 0 ? " (line " + line + ", column " + column + ")" : "");
        return new InvalidDocumentException(text, List.of(
                new InvalidDocumentException.Violation(path, file, line, column, message)));
    }

    private static String prefix(String file) {
        return file == null ? "" : file + ": ";
    }
}
