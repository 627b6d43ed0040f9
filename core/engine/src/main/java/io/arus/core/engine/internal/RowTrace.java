package io.arus.core.engine.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows rows through one step: which chain-input row each of the step's rows came from. Rows the step
 * returns as they came (the same array) are traced exactly; otherwise the step is taken to keep the order of
 * the rows it neither rejected nor filtered, as every built-in step does.
 */
final class RowTrace {
    private final List<Object[]> rows;
    private final List<Object[]> origins;
    private final boolean[] gone;
    private final Map<Object[], Integer> positions = new IdentityHashMap<>();

    RowTrace(List<Object[]> rows, List<Object[]> origins) {
        this.rows = rows;
        this.origins = origins;
        this.gone = new boolean[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            positions.putIfAbsent(rows.get(i), i);
        }
    }

    /** @return the chain-input row of a rejected row, or null when it cannot be told */
    Object[] reject(Object[] values) {
        int at = find(values);
        if (at < 0) {
            return null;
        }
        gone[at] = true;
        return origins == null ? null : origins.get(at);
    }

    private int find(Object[] values) {
        Integer same = positions.get(values);
        if (same != null && !gone[same]) {
            return same;
        }
        for (int i = 0; i < rows.size(); i++) {
            if (!gone[i] && Arrays.deepEquals(rows.get(i), values)) {
                return i;
            }
        }
        return -1;
    }

    /** @return the chain-input row of each output row, or null when they cannot be told */
    List<Object[]> outputs(List<Object[]> out) {
        if (origins == null) {
            return null;
        }
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!gone[i]) {
                kept.add(i);
            }
        }
        List<Object[]> traced = new ArrayList<>(out.size());
        boolean allSame = true;
        for (Object[] row : out) {
            Integer same = positions.get(row);
            if (same == null) {
                allSame = false;
                break;
            }
            traced.add(origins.get(same));
        }
        if (allSame) {
            return traced;
        }
        if (kept.size() != out.size()) {
            return null;
        }
        return kept.stream().map(origins::get).toList();
    }

    /**
     * The common cases of a step that rejected nothing, told without hashing every row: it returned the rows it was
     * given (all, or some left out, in order), or a copy of each in order.
     *
     * @param rows    the rows the step was given
     * @param origins the chain-input row of each of them
     * @param out     the rows the step returned
     * @return the chain-input row of each returned row, or null when the step's rows are not one of those cases and
     *         {@link RowTrace} has to follow them
     */
    static List<Object[]> keptInOrder(List<Object[]> rows, List<Object[]> origins, List<Object[]> out) {
        int n = rows.size();
        if (out.size() == n) {
            int same = 0;
            for (int i = 0; i < n; i++) {
                if (out.get(i) == rows.get(i)) {
                    same++;
                }
            }
            // every row as given, or every row a copy (a step that copies keeps the order, as RowTrace assumes)
            return same == n || (same == 0 && !sharesAny(rows, out)) ? origins : null;
        }
        if (out.size() > n) {
            return null;
        }
        List<Object[]> traced = new ArrayList<>(out.size());
        int at = 0;
        for (Object[] row : out) {
            while (at < n && rows.get(at) != row) {
                at++;
            }
            if (at == n) {
                return null;
            }
            traced.add(origins.get(at));
            at++;
        }
        return traced;
    }

    /** @return whether a row of {@code out} is one of {@code rows} at another position (a reordering step) */
    private static boolean sharesAny(List<Object[]> rows, List<Object[]> out) {
        if (out.isEmpty()) {
            return false;
        }
        // a copying step's rows are new arrays: checking a sample keeps this cheap, and RowTrace's positional
        // fallback would assume the same order anyway
        Object[] first = out.get(0);
        Object[] last = out.get(out.size() - 1);
        for (Object[] row : rows) {
            if (row == first || row == last) {
                return true;
            }
        }
        return false;
    }
}
