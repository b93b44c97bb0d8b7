package io.patchbay.model.report;

import io.patchbay.model.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InstallChanceTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** Thursday 2026-11-19 22:00 in Paris. */
    static final Instant THURSDAY_NIGHT = Instant.parse("2026-11-19T21:00:00Z");

    @Test
    void showsTheSitesWallClockWithItsZoneTheViewersClockAndHowLongUntilThen() {
        InstallChance c = InstallChance.at(THURSDAY_NIGHT, "install-window", PARIS);
        assertEquals("Thu 2026-11-19 22:00 Europe/Paris (Thu 21:00 Z), in 9 h, by install-window",
                c.describe(ZoneOffset.UTC, Instant.parse("2026-11-19T12:00:00Z")));
        assertEquals("Thu 2026-11-19 22:00 Europe/Paris, in 3 d 4 h, by install-window",
                c.describe(PARIS, Instant.parse("2026-11-16T17:00:00Z")));
    }

    @Test
    void countsDownInMinutesThenHoursThenDays() {
        InstallChance c = InstallChance.at(THURSDAY_NIGHT, null, PARIS);
        assertEquals("now", c.until(THURSDAY_NIGHT));
        assertEquals("in 40 min", c.until(THURSDAY_NIGHT.minusSeconds(40 * 60)));
        assertEquals("in 47 h", c.until(THURSDAY_NIGHT.minusSeconds(47 * 3600 + 59)));
        assertEquals("in 2 d", c.until(THURSDAY_NIGHT.minusSeconds(48 * 3600)));
        assertEquals("5 min ago", c.until(THURSDAY_NIGHT.plusSeconds(5 * 60)));
    }

    @Test
    void neverAndOperatorSayWhatHoldsThePatch() {
        assertEquals("never: no time within the search horizon passes every timing rule, by blocked-weekday",
                InstallChance.never("blocked-weekday", PARIS).describe(PARIS, THURSDAY_NIGHT));
        assertEquals("when an operator installs it, by manual-only",
                InstallChance.operator("manual-only", PARIS).describe(PARIS, THURSDAY_NIGHT));
    }

    @Test
    void aTimeGoesWithKindAtAndOnlyThere() {
        assertThrows(IllegalArgumentException.class, () -> new InstallChance(InstallChance.Kind.NEVER, THURSDAY_NIGHT, null, PARIS));
        assertThrows(IllegalArgumentException.class, () -> new InstallChance(InstallChance.Kind.AT, null, null, PARIS));
    }

    @Test
    void travelsAsJsonWithItsZone() throws Exception {
        InstallChance c = InstallChance.at(THURSDAY_NIGHT, "wait-days", PARIS);
        String json = Json.mapper().writeValueAsString(c);
        assertEquals(c, Json.mapper().readValue(json, InstallChance.class));
    }
}
