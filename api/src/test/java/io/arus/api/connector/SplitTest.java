package io.arus.api.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitTest {

    @Test
    void wholeIsOneSplitWithoutBounds() {
        assertThat(Split.WHOLE.id()).isEqualTo("all");
        assertThat(Split.WHOLE.bounds()).isEmpty();
    }

    @Test
    void boundsAreCopiedInOrderAndCannotBeModified() {
        Map<String, Object> bounds = new LinkedHashMap<>();
        bounds.put("to", 2000L);
        bounds.put("from", 1001L);
        Split split = new Split("ids-1001-2000", bounds);
        bounds.put("extra", 1);

        assertThat(split.bounds()).containsExactly(Map.entry("to", 2000L), Map.entry("from", 1001L));
        assertThatThrownBy(() -> split.bounds().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsAMissingIdOrBounds() {
        assertThatThrownBy(() -> new Split(null, Map.of())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Split("all", null)).isInstanceOf(NullPointerException.class);
    }
}
