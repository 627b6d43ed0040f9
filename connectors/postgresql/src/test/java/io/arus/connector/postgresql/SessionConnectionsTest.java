package io.arus.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.Split;
import io.arus.api.connector.StreamReader;
import io.arus.api.connector.SyncMode;
import io.arus.api.record.RecordBatch;
import io.arus.connector.jdbc.ConnectionSettings;
import io.arus.connector.jdbc.DatabaseFixture;
import io.arus.connector.jdbc.internal.JdbcOperations;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * A session's short operations (check, discovery, splits, counts) share one connection, which a reader or a writer
 * takes over; a failed operation's connection, one the server ended, and the kept one at close are not used again.
 */
class SessionConnectionsTest {
    private PgFixture db;
    private final List<Connection> opened = new CopyOnWriteArrayList<>();
    private JdbcOperations operations;

    @BeforeEach
    void open() throws Exception {
        db = new PgFixture();
        db.sql("CREATE TABLE " + db.q("items") + " (id BIGINT PRIMARY KEY, name TEXT)",
                "INSERT INTO " + db.q("items") + " SELECT g, 'item ' || g FROM generate_series(1, 5000) g",
                "ANALYZE " + db.q("items"));
        PostgresDialect dialect = new PostgresDialect();
        ConnectionSettings settings = ConnectionSettings.from(db.config(Map.of()), PgFixture.PORT);
        DataSource real = dialect.dataSource(settings);
        DataSource counting = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(real, args);
                        if (result instanceof Connection connection) {
                            opened.add(connection);
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        operations = new JdbcOperations(dialect, settings, counting);
    }

    @AfterEach
    void close() throws Exception {
        operations.close();
        db.close();
    }

    @Test
    void shortOperationsShareOneConnectionUntilAReaderTakesItOver() throws Exception {
        ReadRequest full = ReadRequest.builder(db.table("items")).syncMode(SyncMode.FULL_REFRESH).batchSize(1000).build();

        assertThat(operations.check().ok()).isTrue();
        assertThat(operations.discover()).anyMatch(stream -> stream.id().equals(db.table("items")));
        List<Split> splits = operations.splits(full, 4);
        assertThat(operations.profile(db.table("items"), List.of("id"), List.of(), null).rowCount()).isEqualTo(5000);

        assertThat(splits).hasSizeGreaterThan(1);
        assertThat(opened).as("check, discovery, splits and a count on one connection").hasSize(1);
        assertThat(opened.get(0).getAutoCommit()).as("kept with no transaction open").isTrue();

        int rows = 0;
        try (StreamReader reader = operations.openReader(full, splits.get(0), DatabaseFixture.context(db.table("items")))) {
            for (RecordBatch batch = reader.poll(); batch != null; batch = reader.poll()) {
                rows += batch.rows().size();
            }
        }
        assertThat(rows).isPositive();
        assertThat(opened).as("the reader took the kept connection").hasSize(1);
        assertThat(opened.get(0).isClosed()).as("and closed it with itself").isTrue();

        operations.discover();
        assertThat(opened).hasSize(2);
    }

    @Test
    void aFailedOperationsConnectionIsClosedAndADeadOneReplaced() throws Exception {
        operations.discover();
        assertThatThrownBy(() -> operations.profile(db.table("missing"), List.of(), List.of(), null))
                .isInstanceOf(ConnectorException.class);
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).isClosed()).as("a connection an operation failed on is not kept").isTrue();

        operations.discover();
        assertThat(opened).hasSize(2);
        int pid = opened.get(1).unwrap(PGConnection.class).getBackendPID();
        try (Statement statement = db.admin.createStatement();
             ResultSet ended = statement.executeQuery("SELECT pg_terminate_backend(" + pid + ")")) {
            assertThat(ended.next() && ended.getBoolean(1)).isTrue();
        }
        for (int waited = 0; waited < 100 && !db.strings("SELECT pid FROM pg_stat_activity WHERE pid = " + pid).isEmpty(); waited++) {
            Thread.sleep(50);
        }

        assertThat(operations.discover()).as("the server ended the kept connection: a new one serves")
                .anyMatch(stream -> stream.id().equals(db.table("items")));
        assertThat(opened).hasSize(3);

        operations.close();
        assertThat(opened.get(2).isClosed()).as("closing the session closes the kept connection").isTrue();
    }
}
