package io.arus.connector.jdbc.internal;

import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.Split;
import io.arus.api.connector.SyncMode;
import io.arus.connector.jdbc.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts a table without a key into ranges of its storage pages for parallel reads ({@link Dialect#pageRanges}), all
 * read on one exported snapshot. Such a read cannot resume part way (its rows have no order to resume from), so the
 * engine uses it only where a stream starts over after a crash anyway.
 */
final class PageRanges {
    /** Marks a split as a page range in its bounds (the dialect's own bounds sit beside it). */
    static final String KIND = "kind";
    static final String PAGES = "pages";

    private PageRanges() {
    }

    /**
     * @param connection a connection of its own, auto-commit off; when the answer has several ranges sharing a
     *                   snapshot, it holds that snapshot and must stay open until every range's reader began
     * @return the ranges, or the whole table when it is read incrementally, holds fewer than two batches, or the
     *         database cannot cut it
     */
    static List<Split> of(Dialect dialect, Connection connection, TableInfo table, ReadRequest request, int maxSplits)
            throws SQLException {
        if (maxSplits < 2 || request.syncMode() != SyncMode.FULL_REFRESH || request.startOffset() != null) {
            return List.of(Split.WHOLE);
        }
        String qualified = dialect.qualify(table.id().namespace(), table.id().name());
        long rows = table.rowEstimate() > 0 ? table.rowEstimate()
                : KeyRanges.count(connection, qualified, (long) maxSplits * request.batchSize() * 10);
        int wanted = (int) Math.min(maxSplits, rows / request.batchSize());
        if (wanted < 2) {
            return List.of(Split.WHOLE);
        }
        List<Map<String, Object>> ranges = dialect.pageRanges(connection, qualified, wanted);
        if (ranges.size() < 2) {
            return List.of(Split.WHOLE);
        }
        List<Split> splits = new ArrayList<>(ranges.size());
        for (int i = 0; i < ranges.size(); i++) {
            Map<String, Object> bounds = new LinkedHashMap<>(ranges.get(i));
            bounds.put(KIND, PAGES);
            splits.add(new Split("pages-" + (i + 1) + "-of-" + ranges.size(), bounds));
        }
        return splits;
    }

    /** @return whether a split is a page range */
    static boolean is(Split split) {
        return split != null && PAGES.equals(split.bounds().get(KIND));
    }
}
