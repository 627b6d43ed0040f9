package io.arus.connector.jdbc.internal;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ModelRequest;
import io.arus.api.connector.ModelResult;
import io.arus.api.connector.StreamId;
import io.arus.connector.jdbc.Dialect;
import io.arus.connector.jdbc.SqlFailures;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Materializes one SQL model on one connection. A table model is built aside as {@code <name>__arus_new} and swapped
 * in (PostgreSQL: DROP ... CASCADE and RENAME in one transaction, so views over the old table are dropped with it, as
 * dbt does; MySQL: the dialect's atomic multi-table RENAME, views keep working), so readers never see it half built.
 * A view is replaced (PostgreSQL: dropped and created in one transaction, so its columns may change). An incremental model is created from the SELECT when missing; later its SELECT's rows are
 * appended, or with a unique key, first captured in a temporary table (the SELECT may read {@code {{ this }}}), the
 * rows of the same keys deleted and the new rows inserted, in one transaction.
 */
final class ModelRunner {
    private static final String STAGING_SUFFIX = "__arus_new";
    private static final String NEW_ROWS = "arus_model_rows";

    private final Dialect dialect;
    private final Connection connection;
    private final ModelRequest request;
    private final String target;

    ModelRunner(Dialect dialect, Connection connection, ModelRequest request) {
        this.dialect = dialect;
        this.connection = connection;
        this.request = request;
        this.target = dialect.qualify(request.target().namespace(), request.target().name());
    }

    ModelResult run() throws ConnectorException {
        try {
            execute(List.of(dialect.createNamespaceSql(request.target().namespace())), false);
            return switch (request.materialization()) {
                case TABLE -> table();
                case VIEW -> view();
                case INCREMENTAL -> incremental();
            };
        } catch (SQLException e) {
            throw SqlFailures.wrap(dialect, "model " + request.target() + " (" + request.materialization().id() + ")", e);
        }
    }

    private ModelResult table() throws SQLException {
        StreamId id = request.target();
        String stagingName = staging(id.name());
        String staging = dialect.qualify(id.namespace(), stagingName);
        execute(List.of("DROP TABLE IF EXISTS " + staging, "CREATE TABLE " + staging + " AS " + request.select()), false);
        if (exists() && dialect.transactionalDdl()) {
            // DROP ... CASCADE, as dbt does: a view over the model (a view model listed after it is made again in the
            // same run) would otherwise refuse the swap; the rename makes the new table visible at commit
            execute(List.of("DROP TABLE " + target + " CASCADE", renameSql(staging, id.name())), true);
        } else if (exists()) {
            execute(dialect.swapSql(id.namespace(), id.name(), stagingName), false);
        } else {
            execute(List.of(renameSql(staging, id.name())), false);
        }
        return new ModelResult(count());
    }

    private ModelResult view() throws SQLException {
        if (dialect.transactionalDdl()) {
            execute(List.of("DROP VIEW IF EXISTS " + target, "CREATE VIEW " + target + " AS " + request.select()), true);
        } else {
            execute(List.of("CREATE OR REPLACE VIEW " + target + " AS " + request.select()), false);
        }
        return new ModelResult(-1);
    }

    private ModelResult incremental() throws SQLException {
        if (!exists()) {
            execute(List.of("CREATE TABLE " + target + " AS " + request.select()), false);
            return new ModelResult(count());
        }
        if (request.uniqueKey().isEmpty()) {
            try (Statement statement = connection.createStatement()) {
                return new ModelResult(statement.executeUpdate("INSERT INTO " + target + " " + request.select()));
            }
        }
        String rows = dialect.quote(NEW_ROWS);
        String dropRows = (dialect.transactionalDdl() ? "DROP TABLE IF EXISTS " : "DROP TEMPORARY TABLE IF EXISTS ") + rows;
        String key = String.join(", ", request.uniqueKey().stream().map(dialect::quote).toList());
        long[] inserted = new long[1];
        inTransaction(statement -> {
            statement.execute(dropRows);
            statement.execute("CREATE TEMPORARY TABLE " + rows + " AS " + request.select());
            String columns = String.join(", ", columns(statement, rows));
            statement.executeUpdate("DELETE FROM " + target + " WHERE (" + key + ") IN (SELECT " + key + " FROM "
                    + rows + ")");
            inserted[0] = statement.executeUpdate("INSERT INTO " + target + " (" + columns + ") SELECT " + columns
                    + " FROM " + rows);
            statement.execute(dropRows);
        });
        return new ModelResult(inserted[0]);
    }

    private List<String> columns(Statement statement, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet none = statement.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData meta = none.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                names.add(dialect.quote(meta.getColumnLabel(i)));
            }
        }
        return names;
    }

    private String renameSql(String staging, String name) {
        return dialect.transactionalDdl()
                ? "ALTER TABLE " + staging + " RENAME TO " + dialect.quote(name)
                : "RENAME TABLE " + staging + " TO " + target;
    }

    private String staging(String name) {
        int keep = Math.min(name.length(), dialect.maxIdentifierLength() - STAGING_SUFFIX.length());
        return name.substring(0, keep) + STAGING_SUFFIX;
    }

    private boolean exists() throws SQLException {
        return new Catalog(dialect).table(connection, request.target()).isPresent();
    }

    private long count() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM " + target)) {
            result.next();
            return result.getLong(1);
        }
    }

    private void execute(List<String> statements, boolean inTransaction) throws SQLException {
        Work all = statement -> {
            for (String sql : statements) {
                statement.execute(sql);
            }
        };
        if (inTransaction) {
            inTransaction(all);
        } else {
            try (Statement statement = connection.createStatement()) {
                all.run(statement);
            }
        }
    }

    /** Runs work in one transaction: committed when it all succeeds, rolled back before the failure is thrown. */
    private void inTransaction(Work work) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            work.run(statement);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Statements run on one statement object. */
    @FunctionalInterface
    private interface Work {
        void run(Statement statement) throws SQLException;
    }
}
