package io.arus.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.core.engine.internal.SchemaChanges.Change;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaChangesTest {
    @Test
    void namesAddedRemovedAndRetypedColumns() {
        List<Change> changes = SchemaChanges.between(List.of("qty INT32", "note STRING"),
                List.of("qty INT64", "discount DECIMAL"));

        assertThat(changes).containsExactly(new Change("type_changed", "qty", "INT32 -> INT64"),
                new Change("column_added", "discount", "DECIMAL"), new Change("column_removed", "note", "STRING"));
    }

    @Test
    void noDifferenceNoChange() {
        assertThat(SchemaChanges.between(List.of(), List.of())).isEmpty();
    }
}
