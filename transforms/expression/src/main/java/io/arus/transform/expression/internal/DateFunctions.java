package io.arus.transform.expression.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAccessor;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code date:} functions. {@code now()} is the run's start, the same for every row, so a run gives the same
 * values when it is replayed. A point in time (timestamptz) is read in UTC. A null date gives null.
 */
public final class DateFunctions {
    private static final int MAX_FORMATS = 64;

    private final Instant runStart;
    private final Map<String, DateTimeFormatter> formats = new HashMap<>();

    /** @param runStart what {@code now()} answers */
    public DateFunctions(Instant runStart) {
        this.runStart = runStart;
    }

    /** @return the run's start, a timestamptz */
    public Instant now() {
        return runStart;
    }

    /** @return the run's start date in UTC */
    public LocalDate today() {
        return LocalDate.ofInstant(runStart, ZoneOffset.UTC);
    }

    /** @param d a date, timestamp or timestamptz @return its year */
    public Integer year(Object d) {
        LocalDateTime t = wallClock(d);
        return t == null ? null : t.getYear();
    }

    /** @param d a date, timestamp or timestamptz @return its month, 1 to 12 */
    public Integer month(Object d) {
        LocalDateTime t = wallClock(d);
        return t == null ? null : t.getMonthValue();
    }

    /** @param d a date, timestamp or timestamptz @return its day of the month */
    public Integer day(Object d) {
        LocalDateTime t = wallClock(d);
        return t == null ? null : t.getDayOfMonth();
    }

    /**
     * @param d      a date, timestamp or timestamptz
     * @param amount how many units to add (negative subtracts)
     * @param unit   years, months, weeks, days, hours, minutes or seconds
     * @return a value of the same kind
     */
    public Temporal date_add(Object d, Number amount, String unit) {
        if (d == null) {
            return null;
        }
        ChronoUnit chrono = unit(unit);
        if (d instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC).plus(amount.longValue(), chrono).toInstant();
        }
        if (d instanceof LocalDate date && chrono.isTimeBased()) {
            throw new IllegalArgumentException("a date has no " + unit + "; use days, weeks, months or years");
        }
        if (d instanceof Temporal temporal) {
            return temporal.plus(amount.longValue(), chrono);
        }
        throw new IllegalArgumentException("a " + d.getClass().getSimpleName() + " is not a date");
    }

    /**
     * @param text    a date as text
     * @param pattern its layout, e.g. {@code dd.MM.yyyy} (Java DateTimeFormatter letters)
     * @return the date
     */
    public LocalDate parse_date(Object text, String pattern) {
        String s = Texts.of(text);
        return s == null ? null : LocalDate.parse(s, format(pattern));
    }

    /**
     * @param text    a date and time as text
     * @param pattern its layout, e.g. {@code yyyy-MM-dd HH:mm:ss}
     * @return the timestamp
     */
    public LocalDateTime parse_timestamp(Object text, String pattern) {
        String s = Texts.of(text);
        return s == null ? null : LocalDateTime.parse(s, format(pattern));
    }

    /**
     * @param d       a date, timestamp or timestamptz (formatted in UTC)
     * @param pattern the layout, e.g. {@code yyyy-MM}
     * @return the text
     */
    public String format_date(Object d, String pattern) {
        if (d == null) {
            return null;
        }
        TemporalAccessor value = d instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : temporal(d);
        return format(pattern).format(value);
    }

    private DateTimeFormatter format(String pattern) {
        DateTimeFormatter format = formats.get(pattern);
        if (format == null) {
            format = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
            if (formats.size() < MAX_FORMATS) {
                formats.put(pattern, format);
            }
        }
        return format;
    }

    private static ChronoUnit unit(String unit) {
        return switch (unit == null ? "" : unit.toLowerCase(Locale.ROOT)) {
            case "year", "years" -> ChronoUnit.YEARS;
            case "month", "months" -> ChronoUnit.MONTHS;
            case "week", "weeks" -> ChronoUnit.WEEKS;
            case "day", "days" -> ChronoUnit.DAYS;
            case "hour", "hours" -> ChronoUnit.HOURS;
            case "minute", "minutes" -> ChronoUnit.MINUTES;
            case "second", "seconds" -> ChronoUnit.SECONDS;
            default -> throw new IllegalArgumentException("'" + unit
                    + "' is not a unit; use years, months, weeks, days, hours, minutes or seconds");
        };
    }

    private static TemporalAccessor temporal(Object d) {
        if (d instanceof LocalDate || d instanceof LocalDateTime || d instanceof OffsetDateTime
                || d instanceof java.time.LocalTime) {
            return (TemporalAccessor) d;
        }
        throw new IllegalArgumentException("a " + d.getClass().getSimpleName() + " is not a date");
    }

    private static LocalDateTime wallClock(Object d) {
        if (d == null) {
            return null;
        }
        if (d instanceof LocalDate date) {
            return date.atStartOfDay();
        }
        if (d instanceof LocalDateTime time) {
            return time;
        }
        if (d instanceof Instant instant) {
            return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        if (d instanceof OffsetDateTime time) {
            return time.toLocalDateTime();
        }
        throw new IllegalArgumentException("a " + d.getClass().getSimpleName() + " is not a date");
    }
}
