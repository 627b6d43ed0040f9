package io.arus.connector.jdbc.internal;

import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.SyncMode;
import io.arus.connector.jdbc.ColumnMapping;
import io.arus.connector.jdbc.ColumnReaders;
import io.arus.connector.jdbc.NativeType;
import io.arus.api.type.LogicalType;
import java.util.List;

/** A read plan over a table (id bigint key, version bigint cursor, v) of the stub dialect. */
final class ReadPlanFixture {
    final ReadPlan plan;

    ReadPlanFixture() throws Exception {
        ColumnMapping int64 = new ColumnMapping(LogicalType.INT64, ColumnReaders.INT64);
        StreamId id = new StreamId("s", "t");
        TableInfo table = new TableInfo(id, false, List.of(
                new ColumnInfo("id", NativeType.parse("bigint"), false, int64),
                new ColumnInfo("version", NativeType.parse("bigint"), false, int64),
                new ColumnInfo("v", NativeType.parse("bigint"), true, int64)), List.of("id"), -1);
        plan = new ReadPlan(new StubDialect(true), table, ReadRequest.builder(id).syncMode(SyncMode.INCREMENTAL)
                .cursorField("version").columns(List.of("v")).build());
    }
}
