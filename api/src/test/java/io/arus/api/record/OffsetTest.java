package io.arus.api.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OffsetTest {

    @Test
    void valuesCannotBeModified() {
        Offset offset = Offset.of(Map.of("id", 42L));

        assertThatThrownBy(() -> offset.values().put("id", 43L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void laterChangesToTheGivenMapDoNotReachTheOffset() {
        Map<String, Object> position = new HashMap<>(Map.of("id", 42L));
        Offset offset = Offset.of(position);
        Offset direct = new Offset(2, position);
        position.put("id", 99L);

        assertThat(offset.get("id")).isEqualTo(42L);
        assertThat(direct.get("id")).isEqualTo(42L);
    }

    @Test
    void keepsTheOrderOfItsValues() {
        Map<String, Object> position = new LinkedHashMap<>();
        position.put("updated_at", "2024-05-01T10:00:00Z");
        position.put("pk", List.of(42));
        position.put("lsn", "0/16B3748");

        assertThat(Offset.of(position).values().keySet()).containsExactly("updated_at", "pk", "lsn");
    }

    @Test
    void ofMakesAVersionOneOffset() {
        assertThat(Offset.of(Map.of()).version()).isEqualTo(1);
        assertThat(new Offset(3, Map.of()).version()).isEqualTo(3);
    }

    @Test
    void keepsANullValueAndAnswersNullForAnAbsentKey() {
        Map<String, Object> position = new HashMap<>();
        position.put("cursor", null);
        Offset offset = Offset.of(position);

        assertThat(offset.values()).containsKey("cursor");
        assertThat(offset.get("cursor")).isNull();
        assertThat(offset.get("missing")).isNull();
    }

    @Test
    void offsetsWithTheSameVersionAndValuesAreEqual() {
        assertThat(Offset.of(Map.of("id", 7L))).isEqualTo(new Offset(1, Map.of("id", 7L)))
                .isNotEqualTo(new Offset(2, Map.of("id", 7L)));
    }

    @Test
    void needsValues() {
        assertThatThrownBy(() -> new Offset(1, null)).isInstanceOf(NullPointerException.class);
    }
}
