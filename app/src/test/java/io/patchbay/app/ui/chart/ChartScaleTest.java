package io.patchbay.app.ui.chart;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartScaleTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void aSiteAxisForFourSitesCountsWholeSitesFromZeroToFour() {
        ChartScale.Range sites = ChartScale.count(4);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), sites.ticks());
    }

    @Test
    void aSiteAxisForManySitesStepsInRoundWholeNumbersAndHoldsTheTotal() {
        assertEquals(new ChartScale.Range(0, 18, 2), ChartScale.count(17), "the first step multiple that holds 17");
        assertEquals(new ChartScale.Range(0, 1000, 100), ChartScale.count(1000));
        assertEquals(new ChartScale.Range(0, 1, 1), ChartScale.count(0), "an empty release still has an axis");
    }

    @Test
    void aThirtySecondRolloutSpansAboutThirtySecondsWithTicksInSeconds() {
        Instant start = Instant.parse("2026-12-02T10:00:03Z");
        ChartScale.Range time = ChartScale.time(start, start.plusSeconds(30));
        long span = time.upper() - time.lower();
        assertTrue(span >= 30 && span <= 45, "span " + span);
        assertTrue(time.lower() <= start.getEpochSecond() && time.upper() >= start.getEpochSecond() + 30);
        assertEquals(5, time.tick());
        assertEquals("11:00:00", ChartScale.tick(time, time.lower(), PARIS));
    }

    @Test
    void aWeekLongAdoptionHasDayTicksThatNameTheDay() {
        Instant start = Instant.parse("2026-11-20T09:00:00Z");
        ChartScale.Range time = ChartScale.time(start, start.plusSeconds(6 * 86_400));
        assertTrue((time.upper() - time.lower()) / time.tick() <= 8);
        assertEquals(86_400, time.tick());
        assertEquals("20 Nov 2026", ChartScale.tick(time, time.lower(), ZoneId.of("UTC")));
    }

    @Test
    void oneInstantGetsAMinuteAroundIt() {
        Instant at = Instant.parse("2026-12-02T10:00:00Z");
        ChartScale.Range time = ChartScale.time(at, at);
        assertTrue(time.lower() < at.getEpochSecond() && time.upper() > at.getEpochSecond());
        assertTrue(time.upper() - time.lower() <= 120, time.toString());
    }
}
