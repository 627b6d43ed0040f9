package io.arus.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.core.model.RetrySpec;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    @Test
    void delaysDoubleFromOneSecondUpToTheLongestWait() {
        RetryPolicy policy = RetryPolicy.of(new RetrySpec(12, 5));
        assertThat(IntStream.rangeClosed(1, 6).mapToObj(policy::delay).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 5L, 5L, 5L);
        assertThat(RetryPolicy.DEFAULT.attempts()).isEqualTo(8);
        assertThat(RetryPolicy.DEFAULT.delay(7)).isEqualTo(Duration.ofSeconds(60));
        assertThat(RetryPolicy.DEFAULT.delay(100)).as("no overflow").isEqualTo(Duration.ofSeconds(60));
    }
}
