package io.patchbay.model.policy;

import io.patchbay.model.PatchbayException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstallWindowTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final InstallWindow NIGHTS = InstallWindow.parse("22:00-07:00");

    static Instant paris(String local) {
        return LocalDateTime.parse(local).atZone(PARIS).toInstant();
    }

    @Test
    void aWindowAcrossMidnightBelongsToTheDayItOpened() {
        assertEquals(new TimeRange(paris("2026-11-19T22:00"), paris("2026-11-20T07:00")),
                NIGHTS.on(LocalDate.parse("2026-11-19"), PARIS));
        assertEquals(Optional.of(LocalDate.parse("2026-11-19")), NIGHTS.dayOf(paris("2026-11-20T06:59"), PARIS));
        assertEquals(Optional.empty(), NIGHTS.dayOf(paris("2026-11-20T07:00"), PARIS));
        assertEquals(Optional.of(LocalDate.parse("2026-11-20")), NIGHTS.dayOf(paris("2026-11-20T22:00"), PARIS));
        assertEquals(paris("2026-11-20T22:00"), NIGHTS.nextOpeningAfter(paris("2026-11-20T07:00"), PARIS));
    }

    @Test
    void aStartInTheSkippedHourOpensWhenTheClockJumps() {
        TimeRange w = InstallWindow.parse("02:30-05:00").on(LocalDate.parse("2026-03-29"), PARIS);
        assertEquals(Instant.parse("2026-03-29T01:00:00Z"), w.from()); // 03:00 CEST
        assertEquals(Duration.ofHours(2), Duration.between(w.from(), w.to()));
    }

    @Test
    void aRepeatedTimeMeansItsFirstOccurrence() {
        TimeRange w = InstallWindow.parse("02:30-05:00").on(LocalDate.parse("2026-10-25"), PARIS);
        assertEquals(Instant.parse("2026-10-25T00:30:00Z"), w.from()); // 02:30 CEST
        assertEquals(Duration.ofMinutes(210), Duration.between(w.from(), w.to()));
    }

    @Test
    void anAllDayWindowFollowsTheCalendarDayThroughDaylightSavingChanges() {
        assertTrue(InstallWindow.ANY.isAllDay());
        assertEquals(InstallWindow.ANY, InstallWindow.parse("any"));
        assertEquals(InstallWindow.ANY, InstallWindow.parse("00:00-00:00"));
        TimeRange spring = InstallWindow.ANY.on(LocalDate.parse("2026-03-29"), PARIS);
        TimeRange autumn = InstallWindow.ANY.on(LocalDate.parse("2026-10-25"), PARIS);
        assertEquals(Duration.ofHours(23), Duration.between(spring.from(), spring.to()));
        assertEquals(Duration.ofHours(25), Duration.between(autumn.from(), autumn.to()));
    }

    @Test
    void refusesWhatIsNotAWindow() {
        for (String bad : new String[] {"22:00", "22-07", "22:00-07:00-09:00", "", "24:00-07:00"}) {
            PatchbayException e = assertThrows(PatchbayException.class, () -> InstallWindow.parse(bad));
            assertEquals("not an install window: '" + bad + "' (expected HH:MM-HH:MM such as 22:00-07:00, or any)",
                    e.getMessage());
        }
    }
}
