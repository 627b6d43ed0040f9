package io.arus.connector.mongodb;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import io.arus.api.type.Field;
import io.arus.api.type.Schema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;

/**
 * The columns of a collection's stream and how to take their values out of a document. Made by
 * {@link SchemaInference} from a sample; kept by the session from discovery to the readers, so a reader's rows
 * follow the schema the destination was prepared with.
 */
final class CollectionLayout {
    private final List<Column> columns;
    private final Schema schema;

    CollectionLayout(List<Column> columns) {
        this.columns = List.copyOf(columns);
        List<Field> fields = new ArrayList<>(columns.size());
        for (Column column : columns) {
            fields.add(column.field());
        }
        this.schema = Schema.of(fields);
    }

    /** @return the schema, {@code _id} first */
    Schema schema() {
        return schema;
    }

    /** @return the columns in schema order */
    List<Column> columns() {
        return columns;
    }

    /**
     * @param name a column name
     * @return the column, if the stream has it
     */
    Optional<Column> column(String name) {
        return schema.indexOf(name).stream().mapToObj(columns::get).findFirst();
    }

    /**
     * @param names the columns to keep, in output order; empty for all
     * @return a layout of just those columns
     * @throws ConnectorException when a column does not exist
     */
    CollectionLayout select(List<String> names) throws ConnectorException {
        if (names.isEmpty()) {
            return this;
        }
        List<Column> selected = new ArrayList<>(names.size());
        for (String name : names) {
            selected.add(column(name).orElseThrow(() -> new ConnectorException(Kind.SCHEMA,
                    "no column " + name + " in this collection (columns: " + schema.names() + ")")));
        }
        return new CollectionLayout(selected);
    }

    /**
     * @param document a document as read
     * @return its values in schema order, converted to the columns' logical types
     */
    Object[] row(BsonDocument document) {
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
            BsonValue value = valueAt(document, columns.get(i).path());
            // A missing field reads as null like a null one: every destination stores both as NULL, and a
            // transform need not know RecordBatch.ABSENT. The raw zone therefore shows missing fields as null.
            row[i] = BsonTypes.isNull(value) ? null : ValueConversion.convert(value, columns.get(i).field().type());
        }
        return row;
    }

    /**
     * @param document a document
     * @param path     the keys from its root
     * @return the value there, or null when a key is missing or a step is not a document
     */
    static BsonValue valueAt(BsonDocument document, List<String> path) {
        BsonValue value = document.get(path.get(0));
        for (int i = 1; i < path.size() && value != null; i++) {
            value = value.isDocument() ? value.asDocument().get(path.get(i)) : null;
        }
        return value;
    }

    /**
     * @param alsoNeeded top-level fields the reader needs besides the columns (the cursor)
     * @return a projection of the top-level fields the columns read, or null when a field name cannot be projected
     *         (a dot or a leading dollar sign), in which case whole documents are read
     */
    BsonDocument projection(String... alsoNeeded) {
        Set<String> fields = new LinkedHashSet<>();
        fields.add("_id");
        for (Column column : columns) {
            fields.add(column.path().get(0));
        }
        fields.addAll(List.of(alsoNeeded));
        BsonDocument projection = new BsonDocument();
        for (String field : fields) {
            if (field.isEmpty() || field.contains(".") || field.startsWith("$")) {
                return null;
            }
            projection.append(field, new BsonInt32(1));
        }
        return projection;
    }
}
