package io.arus.connector.generator;

import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The deterministic rows of one generated table: row {@code id} of table {@code t} with seed {@code s} is
 * always the same, whoever asks and in whatever order, so a test can recompute what a destination must hold.
 * <p>
 * Ids run from 1 to the row count. {@code updated_at} grows with the id and three consecutive ids share a
 * value, so keyset reads on (updated_at, id) are exercised at batch boundaries.
 */
final class RowGenerator {
    /** The cursor value of id 0; row {@code id} has {@code BASE + id / 3} seconds. */
    static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");
    static final int ROWS_PER_CURSOR_VALUE = 3;

    static final Schema SCHEMA = Schema.of(
            new Field("id", LogicalType.INT64, false, "int64"),
            new Field("flag", LogicalType.BOOLEAN, true, "boolean"),
            new Field("small_number", LogicalType.INT16, true, "int16"),
            new Field("quantity", LogicalType.INT32, true, "int32"),
            new Field("ratio", LogicalType.FLOAT32, true, "float32"),
            new Field("score", LogicalType.FLOAT64, true, "float64"),
            new Field("amount", LogicalType.decimal(12, 2), true, "decimal(12,2)"),
            new Field("name", LogicalType.STRING, false, "string"),
            new Field("payload", LogicalType.BYTES, true, "bytes"),
            new Field("birth_date", LogicalType.DATE, true, "date"),
            new Field("wake_time", LogicalType.TIME, true, "time"),
            new Field("local_time", LogicalType.TIMESTAMP, true, "timestamp"),
            new Field("updated_at", LogicalType.TIMESTAMPTZ, false, "timestamptz"),
            new Field("uid", LogicalType.UUID, true, "uuid"),
            new Field("attributes", LogicalType.JSON, true, "json"),
            new Field("tags", LogicalType.array(LogicalType.STRING), true, "array<string>"),
            new Field("address", LogicalType.struct(List.of(
                    Field.of("city", LogicalType.STRING, true),
                    Field.of("zip", LogicalType.STRING, true))), true, "struct<city,zip>"));

    private static final String[] FIRST = {"Ada", "Grace", "Linus", "Zoë", "Émile", "Ngozi", "Haruki", "Łukasz", "Søren", "Amara"};
    private static final String[] LAST = {"Lovelace", "Hopper", "Torvalds", "Okafor", "Müller", "Tanaka", "Nowak", "Kierkegaard"};
    private static final String[] CITIES = {"Lisbon", "Kraków", "Nairobi", "Osaka", "Montréal", "Reykjavík"};
    private static final String[] TAGS = {"new", "vip", "churn-risk", "beta", "🚀", "émoji-ok"};

    private final long seed;
    private final int table;

    RowGenerator(long seed, int table) {
        this.seed = seed;
        this.table = table;
    }

    /** @return the cursor value of a row */
    static Instant updatedAt(long id) {
        return BASE.plusSeconds(id / ROWS_PER_CURSOR_VALUE);
    }

    /** @return the smallest id whose cursor value is at or after {@code instant} */
    static long firstIdAtOrAfter(Instant instant) {
        long seconds = Math.max(0, instant.getEpochSecond() - BASE.getEpochSecond()
                + (instant.getNano() > 0 ? 1 : 0));
        return seconds * ROWS_PER_CURSOR_VALUE;
    }

    /**
     * @param id a row id, from 1
     * @return the row's values in {@link #SCHEMA} order
     */
    Object[] row(long id) {
        SplittableRandom random = new SplittableRandom(mix(seed, table, id));
        boolean nulls = id % 10 == 0;
        Object[] row = new Object[SCHEMA.size()];
        row[0] = id;
        row[1] = nulls ? null : random.nextBoolean();
        row[2] = nulls ? null : (short) (random.nextInt(65_536) - 32_768);
        row[3] = nulls ? null : random.nextInt(1_000_000);
        row[4] = nulls ? null : (float) random.nextInt(100_000) / 1000f;
        row[5] = nulls ? null : random.nextDouble() * 1e6;
        row[6] = nulls ? null : BigDecimal.valueOf(random.nextLong(10_000_000_000L) - 5_000_000_000L, 2);
        row[7] = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)] + " #" + id;
        byte[] payload = new byte[random.nextInt(1, 17)];
        random.nextBytes(payload);
        row[8] = nulls ? null : payload;
        row[9] = nulls ? null : LocalDate.of(1950, 1, 1).plusDays(random.nextInt(25_000));
        row[10] = nulls ? null : LocalTime.ofSecondOfDay(random.nextInt(86_400)).withNano(random.nextInt(1000) * 1_000_000);
        row[11] = nulls ? null : LocalDateTime.ofEpochSecond(1_600_000_000L + random.nextInt(100_000_000),
                random.nextInt(1_000_000) * 1000, ZoneOffset.UTC);
        row[12] = updatedAt(id);
        row[13] = nulls ? null : new UUID(random.nextLong(), random.nextLong());
        row[14] = nulls ? null : "{\"score\":" + random.nextInt(100) + ",\"active\":" + random.nextBoolean() + "}";
        row[15] = nulls ? null : List.of(TAGS[random.nextInt(TAGS.length)], TAGS[random.nextInt(TAGS.length)]);
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("city", CITIES[random.nextInt(CITIES.length)]);
        address.put("zip", String.format("%05d", random.nextInt(100_000)));
        row[16] = nulls ? null : address;
        return row;
    }

    private static long mix(long seed, int table, long id) {
        long h = seed * 0x9E3779B97F4A7C15L + table * 0xC2B2AE3D27D4EB4FL + id;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return h;
    }
}
