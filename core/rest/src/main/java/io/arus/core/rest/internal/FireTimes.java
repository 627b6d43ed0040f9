package io.arus.core.rest.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fire times as a schedule's reader needs them: in the schedule's own time zone, with the offset and the zone id
 * ({@code "at": "2026-12-04T18:00:00+01:00", "zone": "Europe/Berlin"}), so that no one reads a UTC time as local.
 */
final class FireTimes {
    private FireTimes() {
    }

    /** @return {@code at} (ISO-8601 with the zone's offset then), {@code zone} and {@code utc} */
    static Map<String, Object> of(Instant at, String zone) {
        ZoneId id = ZoneId.of(zone);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("at", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atZone(id)));
        view.put("zone", id.getId());
        view.put("utc", at.toString());
        return view;
    }
}
