package io.arus.core.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlScriptTest {
    @Test
    void splitsAtSemicolonsThatEndALineAndDropsComments() {
        String script = "-- a comment;\nCREATE TABLE a (\n  x INT\n);\n\n  -- another\nCREATE INDEX i ON a (x);\n"
                + "INSERT INTO a VALUES (1)";

        assertThat(SqlScript.statements(script)).containsExactly("CREATE TABLE a (\nx INT\n)",
                "CREATE INDEX i ON a (x)", "INSERT INTO a VALUES (1)");
    }

    @Test
    void anEmptyScriptHasNoStatements() {
        assertThat(SqlScript.statements("-- nothing yet\n\n")).isEmpty();
    }
}
