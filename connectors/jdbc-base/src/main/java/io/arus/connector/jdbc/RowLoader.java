package io.arus.connector.jdbc;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A dialect's bulk-load strategy (PostgreSQL COPY, MySQL multi-row INSERT ...). It runs inside the writer's open
 * transaction and never commits: the writer commits on flush and rolls back on any failure, so a refused row
 * leaves nothing of its flush behind.
 */
@ConsumerType
public interface RowLoader {
    /**
     * @param connection the writer's connection, auto-commit off
     * @param target     the table and how rows land in it
     * @param rows       the rows, one value per schema field in the Java class of its logical type
     * @throws SQLException when the database refuses the rows (classified by SQLState afterwards)
     * @throws IOException  when the connection breaks while streaming
     */
    void load(Connection connection, LoadTarget target, List<Object[]> rows) throws SQLException, IOException;
}
