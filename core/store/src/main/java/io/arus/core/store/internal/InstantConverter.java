package io.arus.core.store.internal;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Maps {@link Instant} attributes to {@code TIMESTAMP WITH TIME ZONE} columns. Jakarta Persistence 3.1 (EclipseLink
 * 4.0) does not know Instant as a basic type and would serialize it into a byte array. OffsetDateTime is the type
 * both drivers return for such a column; EclipseLink binds it as a {@link java.sql.Timestamp}, which H2 reads in
 * its session time zone, hence {@code TIME ZONE=UTC} in the H2 URL (EntityMappingContract checks the hour that
 * daylight saving time repeats).
 */
@Converter(autoApply = true)
public final class InstantConverter implements AttributeConverter<Instant, OffsetDateTime> {
    @Override
    public OffsetDateTime convertToDatabaseColumn(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    @Override
    public Instant convertToEntityAttribute(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
