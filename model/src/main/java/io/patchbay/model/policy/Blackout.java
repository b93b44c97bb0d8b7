package io.patchbay.model.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.patchbay.model.PatchbayException;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A span of the site's wall-clock time in which nothing installs, {@code [from, to)}, written
 * {@code 2026-12-01T00:00/2026-12-02T00:00}. Wall-clock, not instants, because that is how a person
 * states it; it is resolved in the policy's time zone (see {@link SiteTimes} for DST).
 */
public record Blackout(LocalDateTime from, LocalDateTime to) {
    static final String FORM = "FROM/TO date-times such as 2026-12-01T00:00/2026-12-02T00:00, TO after FROM";

    public Blackout {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new PatchbayException("blackout ends before it starts: " + from + "/" + to);
        }
    }

    @JsonCreator
    public static Blackout parse(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split("/");
        try {
            if (parts.length == 2) {
                LocalDateTime from = LocalDateTime.parse(parts[0].strip());
                LocalDateTime to = LocalDateTime.parse(parts[1].strip());
                if (to.isAfter(from)) {
                    return new Blackout(from, to);
                }
            }
        } catch (DateTimeParseException e) {
            // fall through to the one message below
        }
        throw new PatchbayException("not a blackout: '" + text + "' (expected " + FORM + ")");
    }

    public TimeRange in(ZoneId zone) {
        return new TimeRange(SiteTimes.at(from, zone), SiteTimes.at(to, zone));
    }

    @JsonValue
    @Override
    public String toString() {
        return from + "/" + to;
    }
}
