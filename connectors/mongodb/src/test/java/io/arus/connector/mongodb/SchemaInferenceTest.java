package io.arus.connector.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import java.math.BigDecimal;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

/** How field types merge across sampled documents, and how flattening names nested fields. */
class SchemaInferenceTest {
    private static int ids;

    private static BsonDocument doc(Object... fieldsAndValues) {
        BsonDocument document = new BsonDocument("_id", new BsonInt32(ids++));
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            document.append((String) fieldsAndValues[i], (BsonValue) fieldsAndValues[i + 1]);
        }
        return document;
    }

    private static CollectionLayout infer(boolean flatten, BsonDocument... documents) {
        SchemaInference inference = new SchemaInference(flatten);
        for (BsonDocument document : documents) {
            inference.observe(document);
        }
        return inference.layout();
    }

    private static LogicalType typeOf(CollectionLayout layout, String column) {
        return layout.column(column).orElseThrow().field().type();
    }

    @Test
    void anIntInSomeDocumentsAndAStringInOthersIsAString() {
        CollectionLayout layout = infer(false, doc("code", new BsonInt32(7)), doc("code", new BsonString("A7")),
                doc("code", new BsonInt32(8)));

        assertThat(layout.column("code").orElseThrow().field()).isEqualTo(new Field("code", LogicalType.STRING, true, "int|string"));
        assertThat(layout.row(doc("code", new BsonInt32(42)))[1]).isEqualTo("42");
    }

    @Test
    void int32AndInt64MergeToInt64() {
        CollectionLayout layout = infer(false, doc("n", new BsonInt32(1)), doc("n", new BsonInt64(5_000_000_000L)));

        assertThat(typeOf(layout, "n")).isEqualTo(LogicalType.INT64);
        assertThat(layout.row(doc("n", new BsonInt32(3)))[1]).isEqualTo(3L);
    }

    @Test
    void integersAndDoublesMergeToFloat64() {
        CollectionLayout layout = infer(false, doc("x", new BsonInt32(1)), doc("x", new BsonInt64(2)), doc("x", new BsonDouble(0.5)));

        assertThat(typeOf(layout, "x")).isEqualTo(LogicalType.FLOAT64);
        assertThat(layout.row(doc("x", new BsonInt32(3)))[1]).isEqualTo(3.0);
    }

    @Test
    void anyNumberWithADecimalMergesToADecimalWithTheLargestScaleSeen() {
        CollectionLayout layout = infer(false, doc("price", new BsonInt32(10)),
                doc("price", new BsonDecimal128(Decimal128.parse("19.995"))), doc("price", new BsonDouble(0.5)));

        assertThat(typeOf(layout, "price")).isEqualTo(LogicalType.decimal(38, 3));
        assertThat(layout.row(doc("price", new BsonInt32(3)))[1]).isEqualTo(new BigDecimal("3"));
        assertThat(layout.row(doc("price", new BsonDouble(2.25)))[1]).isEqualTo(new BigDecimal("2.25"));
    }

    @Test
    void aDecimalWiderThanThirtyEightDigitsWidensThePrecision() {
        CollectionLayout layout = infer(false, doc("d", new BsonDecimal128(Decimal128.parse("1234567890123456789012345678901234E+10"))),
                doc("d", new BsonDecimal128(Decimal128.parse("0.000001"))));

        assertThat(typeOf(layout, "d")).isEqualTo(LogicalType.decimal(50, 6));
    }

    @Test
    void nestedDocumentsAndArraysAreJsonUnlessFlattened() {
        CollectionLayout layout = infer(false, doc("address", new BsonDocument("city", new BsonString("Lisbon"))
                .append("geo", new BsonDocument("lat", new BsonDouble(38.7))), "tags", new BsonArray(List.of(new BsonString("vip")))));

        assertThat(layout.schema().names()).containsExactly("_id", "address", "tags");
        assertThat(typeOf(layout, "address")).isEqualTo(LogicalType.JSON);
        assertThat(typeOf(layout, "tags")).isEqualTo(LogicalType.JSON);
        Object[] row = layout.row(doc("address", new BsonDocument("city", new BsonString("Kraków")), "tags",
                new BsonArray(List.of(new BsonString("a"), new BsonInt32(2)))));
        assertThat(row[1]).isEqualTo("{\"city\":\"Kraków\"}");
        assertThat(row[2]).isEqualTo("[\"a\",2]");
    }

    @Test
    void flatteningMakesParentChildColumnsRecursivelyAndKeepsArraysJson() {
        CollectionLayout layout = infer(true,
                doc("address", new BsonDocument("city", new BsonString("Lisbon")).append("geo",
                        new BsonDocument("lat", new BsonDouble(38.7)).append("lng", new BsonDouble(-9.1)))),
                doc("address", new BsonDocument("city", new BsonString("Porto")).append("zip", new BsonString("4000")),
                        "tags", new BsonArray(List.of(new BsonString("vip")))));

        assertThat(layout.schema().names())
                .containsExactly("_id", "address_city", "address_geo_lat", "address_geo_lng", "address_zip", "tags");
        assertThat(typeOf(layout, "address_geo_lat")).isEqualTo(LogicalType.FLOAT64);
        assertThat(typeOf(layout, "tags")).isEqualTo(LogicalType.JSON);
        assertThat(layout.column("address_geo_lng").orElseThrow().path()).containsExactly("address", "geo", "lng");
        Object[] row = layout.row(doc("address", new BsonDocument("geo", new BsonDocument("lat", new BsonDouble(1.5)))));
        assertThat(row).containsExactly(row[0], null, 1.5, null, null, null);
    }

    @Test
    void aFieldThatIsADocumentOnlySometimesStaysJsonWhenFlattened() {
        CollectionLayout layout = infer(true, doc("meta", new BsonDocument("a", new BsonInt32(1))), doc("meta", new BsonString("none")));

        assertThat(layout.schema().names()).containsExactly("_id", "meta");
        assertThat(typeOf(layout, "meta")).isEqualTo(LogicalType.JSON);
        assertThat(layout.row(doc("meta", new BsonString("x")))[1]).isEqualTo("\"x\"");
    }

    @Test
    void aFlattenedNameThatIsTakenGetsASuffix() {
        CollectionLayout layout = infer(true, doc("a_b", new BsonInt32(1), "a", new BsonDocument("b", new BsonString("nested"))));

        assertThat(layout.schema().names()).containsExactly("_id", "a_b", "a_b_2");
        assertThat(layout.row(doc("a_b", new BsonInt32(5), "a", new BsonDocument("b", new BsonString("n")))))
                .containsExactly(ids - 1, 5, "n");
    }

    @Test
    void theIdIsNeverFlattened() {
        CollectionLayout layout = infer(true, doc("x", new BsonInt32(1)).append("_id", new BsonDocument("tenant", new BsonInt32(1))));

        assertThat(layout.schema().names()).containsExactly("_id", "x");
        assertThat(typeOf(layout, "_id")).isEqualTo(LogicalType.JSON);
    }

    @Test
    void aFieldThatWasAlwaysNullIsANullableString() {
        CollectionLayout layout = infer(false, doc("note", BsonNull.VALUE), doc("note", BsonNull.VALUE));

        assertThat(layout.column("note").orElseThrow().field()).isEqualTo(new Field("note", LogicalType.STRING, true, "null"));
    }

    @Test
    void fieldsMissingInSomeDocumentsAreNullableAndReadAsNull() {
        CollectionLayout layout = infer(false, doc("a", new BsonInt32(1)), doc("b", new BsonString("x")), doc("a", new BsonInt32(2)));

        assertThat(layout.schema().names()).containsExactly("_id", "a", "b");
        assertThat(layout.schema().fields()).allSatisfy(f -> assertThat(f.nullable()).isEqualTo(!f.name().equals("_id")));
        assertThat(layout.row(doc("b", new BsonString("y")))).containsExactly(ids - 1, null, "y");
    }

    @Test
    void aValueThatDoesNotFitItsColumnReadsAsItsStringForm() {
        CollectionLayout layout = infer(false, doc("n", new BsonInt32(1)), doc("when", new org.bson.BsonDateTime(0)));

        assertThat(layout.row(doc("n", new BsonString("not a number"), "when", new BsonInt32(5))))
                .containsExactly(ids - 1, "not a number", "5");
        assertThat(layout.row(doc("n", new BsonInt64(7)))[1]).isEqualTo(7);
        assertThat(layout.row(doc("n", new BsonInt64(7_000_000_000L)))[1]).isEqualTo("7000000000");
    }
}
