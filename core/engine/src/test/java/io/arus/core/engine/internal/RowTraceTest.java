package io.arus.core.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowTraceTest {
    private static final Object[] A = {1L};
    private static final Object[] B = {2L};
    private static final Object[] C = {3L};
    private static final Object[] A0 = {"a"};
    private static final Object[] B0 = {"b"};
    private static final Object[] C0 = {"c"};
    private static final List<Object[]> ROWS = List.of(A, B, C);
    private static final List<Object[]> ORIGINS = List.of(A0, B0, C0);

    @Test
    void rowsReturnedAsGivenKeepTheirOrigins() {
        assertSame(ORIGINS, RowTrace.keptInOrder(ROWS, ORIGINS, new ArrayList<>(ROWS)));
    }

    @Test
    void rowsLeftOutInOrderAreFollowedByIdentity() {
        List<Object[]> kept = RowTrace.keptInOrder(ROWS, ORIGINS, List.of(A, C));
        assertEquals(2, kept.size());
        assertSame(A0, kept.get(0));
        assertSame(C0, kept.get(1));
        assertEquals(List.of(), RowTrace.keptInOrder(ROWS, ORIGINS, List.of()));
    }

    @Test
    void aCopyOfEveryRowKeepsThePositions() {
        assertSame(ORIGINS, RowTrace.keptInOrder(ROWS, ORIGINS, List.of(A.clone(), B.clone(), C.clone())));
    }

    @Test
    void reorderedMixedOrGrownRowsAreLeftToTheFullTrace() {
        assertNull(RowTrace.keptInOrder(ROWS, ORIGINS, List.of(C, A, B)), "the same rows in another order");
        assertNull(RowTrace.keptInOrder(ROWS, ORIGINS, List.of(C, A)), "left out, but not in order");
        assertNull(RowTrace.keptInOrder(ROWS, ORIGINS, List.of(A, B.clone(), C)), "some copied, some not");
        assertNull(RowTrace.keptInOrder(ROWS, ORIGINS, List.of(A, B, C, C.clone())), "more rows than given");
        assertNull(RowTrace.keptInOrder(ROWS, ORIGINS, List.of(B.clone(), A.clone())), "fewer copies: unknown which");
    }

    @Test
    void theFullTraceFollowsAReorderingStep() {
        RowTrace trace = new RowTrace(ROWS, ORIGINS);
        assertArrayEquals(C0, trace.reject(C));
        List<Object[]> out = trace.outputs(List.of(B, A));
        assertSame(B0, out.get(0));
        assertSame(A0, out.get(1));
    }
}
