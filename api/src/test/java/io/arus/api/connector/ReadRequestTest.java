package io.arus.api.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.record.Offset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReadRequestTest {
    private static final StreamId ORDERS = new StreamId("public", "orders");

    @Test
    void builderDefaultsToAFullRefreshOfAllColumnsInBatchesOf10000() {
        ReadRequest request = ReadRequest.builder(ORDERS).build();

        assertThat(request.stream()).isEqualTo(ORDERS);
        assertThat(request.syncMode()).isEqualTo(SyncMode.FULL_REFRESH);
        assertThat(request.batchSize()).isEqualTo(10_000);
        assertThat(request.lookBack()).isEqualTo(Duration.ZERO);
        assertThat(request.columns()).isEmpty();
        assertThat(request.primaryKey()).isEmpty();
        assertThat(request.cursorField()).isNull();
        assertThat(request.startOffset()).isNull();
    }

    @Test
    void builderCarriesEverySetting() {
        Offset offset = Offset.of(Map.of("id", 42L));
        ReadRequest request = ReadRequest.builder(ORDERS).columns(List.of("id", "updated_at"))
                .syncMode(SyncMode.INCREMENTAL).cursorField("updated_at").primaryKey(List.of("id"))
                .startOffset(offset).batchSize(500).lookBack(Duration.ofMinutes(5)).build();

        assertThat(request).isEqualTo(new ReadRequest(ORDERS, List.of("id", "updated_at"), SyncMode.INCREMENTAL,
                "updated_at", List.of("id"), offset, 500, Duration.ofMinutes(5)));
    }

    @Test
    void rejectsAnIncrementalReadWithoutACursorNamingTheStream() {
        assertThatThrownBy(() -> ReadRequest.builder(ORDERS).syncMode(SyncMode.INCREMENTAL).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("public.orders: incremental read needs a cursor field");
        assertThatThrownBy(() -> ReadRequest.builder(ORDERS).syncMode(SyncMode.INCREMENTAL).cursorField("").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void rejectsABatchSizeBelowOne(int batchSize) {
        assertThatThrownBy(() -> ReadRequest.builder(ORDERS).batchSize(batchSize).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batchSize must be positive");
    }

    @Test
    void aBatchHasNoMemoryBoundUnlessGivenAndNotNegative() {
        assertThat(ReadRequest.builder(ORDERS).build().batchBytes()).isZero();
        assertThat(ReadRequest.builder(ORDERS).batchBytes(4 << 20).build().batchBytes()).isEqualTo(4 << 20);
        assertThatThrownBy(() -> ReadRequest.builder(ORDERS).batchBytes(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batchBytes must not be negative");
    }

    @Test
    void acceptsABatchOfOneRow() {
        assertThat(ReadRequest.builder(ORDERS).batchSize(1).build().batchSize()).isEqualTo(1);
    }

    @Test
    void nullListsAndLookBackBecomeEmptyAndZero() {
        ReadRequest request = new ReadRequest(ORDERS, null, SyncMode.FULL_REFRESH, null, null, null, 10, null);

        assertThat(request.columns()).isEmpty();
        assertThat(request.primaryKey()).isEmpty();
        assertThat(request.lookBack()).isEqualTo(Duration.ZERO);
    }

    @Test
    void aBatchWaitIsTheConnectorsUnlessGivenAndPositive() {
        assertThat(ReadRequest.builder(ORDERS).build().batchWait()).isNull();
        assertThat(ReadRequest.builder(ORDERS).syncMode(SyncMode.CDC).batchWait(Duration.ofSeconds(30)).build()
                .batchWait()).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> ReadRequest.builder(ORDERS).batchWait(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("batchWait must be positive");
        assertThatThrownBy(() -> ReadRequest.builder(ORDERS).batchWait(Duration.ofMillis(-1)).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsItsOwnCopyOfTheColumns() {
        List<String> columns = new ArrayList<>(List.of("id"));
        ReadRequest request = ReadRequest.builder(ORDERS).columns(columns).build();
        columns.add("name");

        assertThat(request.columns()).containsExactly("id");
        assertThatThrownBy(() -> request.columns().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsAMissingStreamOrSyncMode() {
        assertThatThrownBy(() -> ReadRequest.builder(null).build()).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ReadRequest.builder(ORDERS).syncMode(null).build())
                .isInstanceOf(NullPointerException.class);
    }
}
