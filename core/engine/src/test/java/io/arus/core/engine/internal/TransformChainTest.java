package io.arus.core.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import io.arus.api.transform.TransformException;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import io.arus.core.model.TransformSpec;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class TransformChainTest {
    private static final Schema INPUT = Schema.of(Field.of("n", LogicalType.INT64, false),
            Field.of("name", LogicalType.STRING, true));
    private final FakeTransforms catalog = new FakeTransforms();

    private TransformChain open(TransformSpec... specs) throws ChainOpenException {
        return TransformChain.open(catalog, UnaryOperator.identity(), List.of(specs), INPUT,
                StepContext.preview("p1", "public.t"));
    }

    private static RecordBatch batch(Object[]... rows) {
        return RecordBatch.of(INPUT, List.of(rows), Offset.of(Map.of("n", 9)));
    }

    @Test
    void appliesStepsInOrderAndKeepsTheOffset() throws Exception {
        try (TransformChain chain = open(new TransformSpec("upper", Map.of("column", "name")),
                new TransformSpec("drop", Map.of("column", "n")))) {
            assertEquals(List.of("name"), chain.outputSchema().names());
            TransformChain.Outcome out = chain.apply(batch(new Object[] {1L, "a"}, new Object[] {2L, "b"}));
            assertEquals(2, out.batch().size());
            assertArrayEquals(new Object[] {"A"}, out.batch().rows().get(0));
            assertEquals(Offset.of(Map.of("n", 9)), out.batch().offsetAfter());
        }
    }

    @Test
    void theSourcesPromiseOfNewKeysPassesAChainWithoutStepsAndNotOneWithSteps() throws Exception {
        RecordBatch marked = batch(new Object[] {2L, "a"}, new Object[] {4L, "b"}).withNewKeys();
        try (TransformChain chain = open()) {
            assertTrue(chain.apply(marked).batch().newKeys());
        }
        // a step may make or change keys (here it only filters, and the mark still goes)
        try (TransformChain chain = open(new TransformSpec("even", Map.of()))) {
            TransformChain.Outcome out = chain.apply(marked);
            assertEquals(2, out.batch().size());
            assertEquals(false, out.batch().newKeys());
            assertEquals(Offset.of(Map.of("n", 9)), out.batch().offsetAfter());
        }
    }

    @Test
    void rejectsCarryTheStepAndTheRowAsItEnteredTheChain() throws Exception {
        try (TransformChain chain = open(new TransformSpec("upper", Map.of("column", "name")),
                new TransformSpec("positive", Map.of()))) {
            TransformChain.Outcome out = chain.apply(batch(new Object[] {1L, "a"}, new Object[] {-2L, "b"}));
            assertEquals(1, out.batch().size());
            assertEquals(1, out.rejected().size());
            ChainReject reject = out.rejected().get(0);
            assertEquals(1, reject.step());
            assertEquals("positive", reject.type());
            assertEquals("n: negative", reject.reason());
            assertArrayEquals(new Object[] {-2L, "b"}, reject.values(), "before 'upper' made it B");
            assertSame(INPUT, reject.schema());
        }
    }

    @Test
    void filteredRowsAreCountedNotRejected() throws Exception {
        try (TransformChain chain = open(new TransformSpec("even", Map.of()), new TransformSpec("positive", Map.of()))) {
            TransformChain.Outcome out = chain.apply(batch(new Object[] {1L, "a"}, new Object[] {-2L, "b"},
                    new Object[] {4L, "c"}));
            assertEquals(1, out.filtered());
            assertEquals(1, out.rejected().size());
            assertArrayEquals(new Object[] {-2L, "b"}, out.rejected().get(0).values());
            assertEquals(List.of(4L), out.batch().rows().stream().map(r -> r[0]).toList());
        }
    }

    @Test
    void aRejectAfterACopyingStepAndAFilterIsTheRowAsItEnteredTheChain() throws Exception {
        try (TransformChain chain = open(new TransformSpec("upper", Map.of("column", "name")),
                new TransformSpec("even", Map.of()), new TransformSpec("positive", Map.of()))) {
            TransformChain.Outcome out = chain.apply(batch(new Object[] {1L, "a"}, new Object[] {-2L, "b"},
                    new Object[] {3L, "c"}, new Object[] {-4L, "d"}, new Object[] {6L, "e"}));
            assertEquals(2, out.filtered());
            assertEquals(List.of("b", "d"), out.rejected().stream().map(r -> (String) r.values()[1]).toList(),
                    "the rows before 'upper' made them upper case, followed through the filter");
            assertEquals(List.of("E"), out.batch().rows().stream().map(r -> r[1]).toList());
        }
    }

    @Test
    void stepsThatWriteInPlaceWorkOnTheChainsCopiesAndRejectsAreTheRowsAsRead() throws Exception {
        try (TransformChain chain = open(new TransformSpec("lower", Map.of("column", "name")),
                new TransformSpec("even", Map.of()), new TransformSpec("positive", Map.of()))) {
            Object[] kept = {2L, "KEEP"};
            Object[] rejectedRow = {-4L, "NEG"};
            TransformChain.Outcome out = chain.apply(batch(new Object[] {1L, "ODD"}, kept, rejectedRow));
            assertEquals(List.of("keep"), out.batch().rows().stream().map(r -> r[1]).toList());
            assertArrayEquals(new Object[] {2L, "KEEP"}, kept, "the source's row is not written into");
            assertEquals(1, out.rejected().size());
            assertArrayEquals(new Object[] {-4L, "NEG"}, out.rejected().get(0).values(),
                    "the reject is the row as read, not the chain's lower-cased copy");
            assertSame(INPUT, out.rejected().get(0).schema());
        }
    }

    @Test
    void aStepThatWritesInPlaceAfterACopyingStepGetsItsOutput() throws Exception {
        try (TransformChain chain = open(new TransformSpec("upper", Map.of("column", "name")),
                new TransformSpec("lower", Map.of("column", "name")))) {
            Object[] row = {1L, "MiXed"};
            TransformChain.Outcome out = chain.apply(batch(row));
            assertEquals("mixed", out.batch().rows().get(0)[1]);
            assertEquals("MiXed", row[1]);
        }
    }

    @Test
    void theNextStepSeesThePreviousOutputSchema() {
        ChainOpenException e = assertThrows(ChainOpenException.class, () -> open(
                new TransformSpec("drop", Map.of("column", "name")), new TransformSpec("upper", Map.of("column", "name"))));
        assertEquals(1, e.step());
        assertEquals("transforms[1].config.column", e.field());
        assertTrue(e.getMessage().startsWith("step 2 (upper): no column 'name'"), e.getMessage());
        assertEquals(1, catalog.closed, "the step opened before is closed");
    }

    @Test
    void aTypeNotInstalledIsNamed() {
        ChainOpenException e = assertThrows(ChainOpenException.class, () -> open(new TransformSpec("nope", Map.of())));
        assertEquals("transforms[0].type", e.field());
        assertEquals("step 1 (nope): transform type 'nope' is not installed", e.getMessage());
    }

    @Test
    void aConfigThatDoesNotBindIsNamed() {
        ChainOpenException e = assertThrows(ChainOpenException.class, () -> open(new TransformSpec("salted", Map.of())));
        assertEquals("transforms[0].config.salt", e.field());
    }

    @Test
    void aFailingStepIsNamed() throws Exception {
        try (TransformChain chain = open(new TransformSpec("fail", Map.of()))) {
            TransformException e = assertThrows(TransformException.class, () -> chain.apply(batch(new Object[] {1L, "a"})));
            assertEquals("step 1 (fail): runner died", e.getMessage());
        }
    }

    @Test
    void noticesAStepWhoseServiceWentAwayOrWasReplaced() throws Exception {
        try (TransformChain chain = open(new TransformSpec("upper", Map.of("column", "name")))) {
            assertTrue(chain.goneStep(catalog).isEmpty());
            catalog.replace("upper");
            assertEquals("upper", chain.goneStep(catalog).orElseThrow().type());
            catalog.transforms.remove("upper");
            assertTrue(chain.goneStep(catalog).isPresent());
        }
    }

    @Test
    void aStepThatDropsAColumnTheDestinationNeedsIsNamed() throws Exception {
        try (TransformChain chain = open(new TransformSpec("upper", Map.of("column", "name")),
                new TransformSpec("drop", Map.of("column", "n")))) {
            chain.requireColumns(List.of("name"), "soft-delete column");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> chain.requireColumns(List.of("n"), "primary key column"));
            assertEquals("step 2 (drop) drops the primary key column 'n', which the destination needs; keep it in the "
                    + "chain's output", e.getMessage());
        }
    }

    @Test
    void closesEveryStep() throws Exception {
        open(new TransformSpec("upper", Map.of("column", "name")), new TransformSpec("positive", Map.of())).close();
        assertEquals(2, catalog.closed);
    }

    @Test
    void anEmptyChainPassesBatchesThrough() throws Exception {
        try (TransformChain chain = open()) {
            RecordBatch in = batch(new Object[] {1L, "a"});
            assertSame(in, chain.apply(in).batch());
            assertSame(INPUT, chain.outputSchema());
        }
    }
}
