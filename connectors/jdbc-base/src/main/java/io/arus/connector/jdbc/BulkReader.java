package io.arus.connector.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A dialect's faster way to read the rows of one keyset page than a JDBC result set (PostgreSQL: {@code COPY
 * (SELECT ...) TO STDOUT} in binary, decoded without the driver's per-value objects). The page query is built by
 * the reader with this reader's {@link #placeholder placeholders} where a plain query has {@code ?}; the values
 * stay bound parameters, never SQL text.
 */
@ConsumerType
public interface BulkReader {
    /**
     * @param index the 0-based position of the parameter in the query
     * @param type  the native type of the column it is compared with
     * @return the SQL expression that stands for the parameter's value in the query
     */
    String placeholder(int index, NativeType type);

    /**
     * Runs one page query in the reader's open transaction.
     *
     * @param connection the reader's connection, auto-commit off
     * @param sql        a SELECT with {@link #placeholder placeholders}
     * @param parameters the values of the placeholders, in index order
     * @param rows       receives each row: one value per selected column, in the Java class of its logical type
     *                   (exactly what the dialect's column readers would answer)
     * @throws SQLException when the database refuses the query or a value cannot be decoded
     */
    void read(Connection connection, String sql, List<QueryParameter> parameters, Consumer<Object[]> rows)
            throws SQLException;

    /**
     * Asks the database to stop the query that {@link #read} runs on {@code connection} (from another thread), so
     * that {@link #read} fails soon.
     *
     * @param connection the reader's connection
     * @throws SQLException when the request could not be sent
     */
    void cancel(Connection connection) throws SQLException;
}
