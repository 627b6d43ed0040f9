package io.arus.connector.jdbc;

import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.Split;
import io.arus.api.connector.StreamDescriptor;
import io.arus.api.connector.StreamReader;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What every contract test against a real server starts from: a fresh namespace and one connector session per test
 * class, and the helpers that read through the connector or behind its back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SessionContract {
    /** The test server and this class's namespace. */
    protected DatabaseFixture db;
    /** The connector session under test. */
    protected ConnectorSession session;

    /** Connects to the test server; a dialect may prepare the admin session (its time zone, say) here. */
    protected abstract DatabaseFixture newFixture() throws Exception;

    @BeforeAll
    void open() throws Exception {
        db = newFixture();
        session = db.open();
    }

    @AfterAll
    void close() throws Exception {
        session.close();
        db.close();
    }

    /** Reads a request to its end, collecting the rows; answers the last offset. */
    protected Offset readAll(ReadRequest request, List<Object[]> into) throws Exception {
        Offset offset = request.startOffset();
        try (StreamReader reader = session.openReader(request, Split.WHOLE,
                DatabaseFixture.context(request.stream()))) {
            for (RecordBatch batch = reader.poll(); batch != null; batch = reader.poll()) {
                into.addAll(batch.rows());
                offset = batch.offsetAfter();
            }
        }
        return offset;
    }

    /** The descriptor discovery gives a table of this class's namespace. */
    protected StreamDescriptor discovered(String table) throws Exception {
        return session.discover().stream().filter(s -> s.id().equals(db.table(table))).findFirst().orElseThrow();
    }

    /** The first column of a query on the admin connection, as strings. */
    protected List<String> strings(String sql) throws Exception {
        return db.strings(sql);
    }
}
