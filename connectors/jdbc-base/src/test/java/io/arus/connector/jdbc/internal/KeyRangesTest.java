package io.arus.connector.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The bounded sample behind key ranges. */
class KeyRangesTest {
    @Test
    void thinningKeepsEveryOtherValueInOrder() {
        List<Object> sample = new ArrayList<>(LongStream.rangeClosed(1, 9).boxed().toList());
        KeyRanges.thin(sample);
        assertThat(sample).containsExactly(1L, 3L, 5L, 7L, 9L);
        KeyRanges.thin(sample);
        assertThat(sample).containsExactly(1L, 5L, 9L);
    }
}
