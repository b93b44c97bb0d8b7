package io.patchbay.app.cli;

import io.patchbay.model.workspace.Delivery;
import io.patchbay.model.workspace.DeliveryKind;
import io.patchbay.model.workspace.DeliveryState;
import io.patchbay.model.workspace.KitRoute;
import io.patchbay.model.workspace.SentKind;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code deliver}'s progress: rates and time left, the plain and live text forms, and when --until-done ends. */
class DeliveryProgressTest {
    static final long MIB = 1024 * 1024;
    final AtomicLong clock = new AtomicLong(1_000_000_000L);

    @Test
    void theRateIsBytesOverTheLastSecondsAndTimeLeftFollowsFromIt() {
        DeliveryMeter meter = new DeliveryMeter(clock::get);
        Delivery alpha = delivery(1, "alpha", 100 * MIB, 0);
        Delivery bravo = delivery(2, "bravo", 100 * MIB, 0);
        meter.expect(List.of(alpha, bravo));
        meter.sending(alpha);
        assertNull(meter.progress(alpha, 0, 100 * MIB).left(), "no rate yet: time left unknown");
        tick(Duration.ofSeconds(2));
        DeliveryMeter.Reading r = meter.progress(alpha, 20 * MIB, 100 * MIB);

        assertEquals(10 * MIB, (long) r.bytesPerSecond());
        assertEquals(Duration.ofSeconds(8), r.left());
        assertEquals(20, r.percent());
        DeliveryMeter.Total t = meter.total();
        assertEquals(new DeliveryMeter.Total(20 * MIB, 200 * MIB, 0, 2, 10.0 * MIB, Duration.ofSeconds(18)), t);
    }

    @Test
    void aFailedAttemptNoLongerCountsTowardsTheRateAndADeliveredOneIsWhole() {
        DeliveryMeter meter = new DeliveryMeter(clock::get);
        Delivery alpha = delivery(1, "alpha", 10 * MIB, 0);
        meter.sending(alpha);
        tick(Duration.ofSeconds(1));
        meter.progress(alpha, 4 * MIB, 10 * MIB);
        meter.ended(alpha);
        assertEquals(0.0, meter.total().bytesPerSecond());
        assertNull(meter.total().left());
        meter.delivered(alpha);
        assertEquals(new DeliveryMeter.Total(10 * MIB, 10 * MIB, 1, 1, 0.0, Duration.ZERO), meter.total());
    }

    @Test
    void plainLinesComeEachTenPercentOrEveryFiveSecondsWithRateAndTimeLeft() {
        StringWriter text = new StringWriter();
        TextDeliveryOutput out = new TextDeliveryOutput(new PrintWriter(text, true), new DeliveryMeter(clock::get),
                false, 100, clock::get);
        Delivery alpha = delivery(1, "alpha", 100 * MIB, 0);
        out.sending(alpha);
        tick(Duration.ofSeconds(1));
        out.progress(alpha, 5 * MIB, 100 * MIB);  // 5 %: no new step, 1 s: not yet
        tick(Duration.ofSeconds(1));
        out.progress(alpha, 10 * MIB, 100 * MIB); // 10 %: a line
        tick(Duration.ofSeconds(1));
        out.progress(alpha, 11 * MIB, 100 * MIB); // same step, 1 s later: none
        tick(Duration.ofSeconds(5));
        out.progress(alpha, 12 * MIB, 100 * MIB); // 5 s since the last line: a line
        out.delivered(alpha, Duration.ofMillis(8500));

        assertEquals("""
                alpha: sending Spruce 12.10.11 (attempt 1)
                alpha: 10% of Spruce 12.10.11 (100.0 MiB), 5.0 MiB/s, 18 s left
                alpha: 12% of Spruce 12.10.11 (100.0 MiB), 1.5 MiB/s, 59 s left
                alpha: delivered Spruce 12.10.11 in 8.5 s
                """, text.toString());
    }

    @Test
    void onATerminalProgressIsOneBarRedrawnInPlaceBelowTheEventLines() {
        StringWriter text = new StringWriter();
        DeliveryMeter meter = new DeliveryMeter(clock::get);
        TextDeliveryOutput out = new TextDeliveryOutput(new PrintWriter(text, true), meter, true, 200, clock::get);
        Delivery alpha = delivery(1, "alpha", 100 * MIB, 0);
        meter.expect(List.of(alpha, delivery(2, "bravo", 100 * MIB, 0)));
        out.sending(alpha);
        tick(Duration.ofSeconds(2));
        out.progress(alpha, 50 * MIB, 100 * MIB);
        out.retrying(alpha, "connection reset", Instant.parse("2026-12-02T10:00:00Z"));

        assertEquals("alpha: sending Spruce 12.10.11 (attempt 1)\n"
                + "\r[#####---------------]  25% 50.0 MiB of 200.0 MiB, 25.0 MiB/s, 6 s left, 0/2 delivered | alpha 50%\033[K"
                + "\r\033[Kalpha: retrying Spruce 12.10.11: connection reset; next try at 2026-12-02T10:00:00Z\n"
                + "\r[#####---------------]  25% 50.0 MiB of 200.0 MiB, 0 B/s, time left unknown, 0/2 delivered\033[K",
                text.toString());
    }

    @Test
    void untilDoneEndsAtItsTimeoutOnlyWithDeliveriesLeft() {
        UntilDoneLimits limits = new UntilDoneLimits(Duration.ofSeconds(30), Duration.ofHours(1), clock::get);
        Delivery moving = delivery(1, "alpha", 100, 10);
        assertEquals(Optional.empty(), limits.check(List.of(moving)));
        tick(Duration.ofSeconds(30));
        assertEquals(Optional.empty(), limits.check(List.of()), "nothing left: done, not timed out");
        assertEquals(Optional.of(DeliverySummary.Ending.TIMED_OUT), limits.check(List.of(delivery(1, "alpha", 100, 20))));
    }

    @Test
    void untilDoneEndsOnceEverySiteLeftFailedAndMovedNoByteForTheStallTime() {
        UntilDoneLimits limits = new UntilDoneLimits(null, Duration.ofSeconds(60), clock::get);
        Delivery down = delivery(1, "down", 100, 0, DeliveryState.RETRYING);
        assertEquals(Optional.empty(), limits.check(List.of(down, delivery(2, "alpha", 100, 0))));
        tick(Duration.ofSeconds(40));
        assertEquals(Optional.empty(), limits.check(List.of(down, delivery(2, "alpha", 100, 50))));
        tick(Duration.ofSeconds(30)); // down: 70 s without a byte; alpha moved 30 s ago
        assertEquals(Optional.empty(), limits.check(List.of(down, delivery(2, "alpha", 100, 50))));
        tick(Duration.ofSeconds(10)); // alpha arrived: only the down site is left, and it is stalled
        assertEquals(Optional.of(DeliverySummary.Ending.STALLED), limits.check(List.of(down)));
    }

    @Test
    void aSiteStillConnectingIsSlowNotDown() {
        UntilDoneLimits limits = new UntilDoneLimits(null, Duration.ofSeconds(60), clock::get);
        tick(Duration.ofMinutes(5));
        Delivery connecting = delivery(1, "alpha", 100, 0, DeliveryState.SENDING);
        assertEquals(Optional.empty(), limits.check(List.of(connecting)), "no attempt failed: not down");
        assertEquals(Optional.of(DeliverySummary.Ending.STALLED),
                limits.check(List.of(delivery(1, "alpha", 100, 0, DeliveryState.RETRYING))));
    }

    @Test
    void theSummaryCountsPerSiteAndAnEmptyOutboxIsDoneWhateverStoppedTheRun() {
        DeliverySummary.Tally tally = new DeliverySummary.Tally();
        tally.delivered(delivery(1, "alpha", 100, 100));
        tally.failed(delivery(2, "down", 100, 0), "connection refused");
        tally.failed(delivery(2, "down", 100, 0), "connection refused again");
        DeliverySummary s = tally.summary(DeliverySummary.Ending.TIMED_OUT, Duration.ofSeconds(3),
                List.of(delivery(2, "down", 100, 0)));
        assertEquals(new DeliverySummary(DeliverySummary.Ending.TIMED_OUT, Duration.ofSeconds(3), List.of(
                new DeliverySummary.SiteLine("alpha", 1, 0, 0, null),
                new DeliverySummary.SiteLine("down", 0, 2, 1, "connection refused again"))), s);
        assertEquals(5, s.ending().exit.code());
        assertEquals(DeliverySummary.Ending.DONE,
                tally.summary(DeliverySummary.Ending.INTERRUPTED, Duration.ZERO, List.of()).ending());
    }

    @Test
    void durationsAreReadAsPeopleWriteThem() {
        DurationConverter c = new DurationConverter();
        assertEquals(Duration.ofSeconds(90), c.convert("90s"));
        assertEquals(Duration.ofMinutes(90), c.convert("1h30m"));
        assertEquals(Duration.ofDays(1), c.convert("1d"));
        assertEquals(Duration.ofMinutes(15), c.convert("PT15M"));
        for (String bad : List.of("30", "soon", "5m3", "0s", "-5s", "PT-1S")) {
            assertThrows(picocli.CommandLine.TypeConversionException.class, () -> c.convert(bad), bad);
        }
    }

    @Test
    void timeoutWithoutUntilDoneIsAUsageError() {
        KitCommandTest.Run r = KitCommandTest.run("deliver", "--timeout", "5m", "--workspace", "/nonexistent/ws");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("--timeout and --stalled-after need --until-done"), r.err());
    }

    @Test
    void aDeltaSaysItIsOneAndItsPercentCountsAgainstTheDeltaNotTheFullKitTakenAtClaim() throws Exception {
        StringWriter text = new StringWriter();
        TextDeliveryOutput out = new TextDeliveryOutput(new PrintWriter(text, true), new DeliveryMeter(clock::get),
                false, 100, clock::get);
        StringWriter json = new StringWriter();
        JsonDeliveryOutput events = new JsonDeliveryOutput(new PrintWriter(json, true), new DeliveryMeter(clock::get));
        Delivery alpha = delivery(1, "alpha", 100 * MIB, 0); // claimed with the full kit's size
        KitRoute delta = new KitRoute(SentKind.DELTA, "Spruce-12.10.10-12.10.11.delta.kit", "0".repeat(64), 2 * MIB);
        for (DeliveryOutput o : List.of(out, events)) {
            o.sending(alpha);
            o.routed(alpha, delta, 0);
        }
        tick(Duration.ofSeconds(1));
        out.progress(alpha, MIB, 2 * MIB);
        events.progress(alpha, MIB, 2 * MIB);
        out.delivered(alpha, Duration.ofMillis(2000));

        assertEquals("""
                alpha: sending Spruce 12.10.11 (attempt 1)
                alpha: Spruce 12.10.11 travels as the delta Spruce-12.10.10-12.10.11.delta.kit (2.0 MiB)
                alpha: 50% of Spruce 12.10.11 (delta, 2.0 MiB), 1.0 MiB/s, 1 s left
                alpha: delivered Spruce 12.10.11 in 2.0 s
                """, text.toString());
        List<com.fasterxml.jackson.databind.JsonNode> lines = new java.util.ArrayList<>();
        for (String line : json.toString().split("\n")) {
            lines.add(io.patchbay.model.json.Json.mapper().readTree(line));
        }
        com.fasterxml.jackson.databind.JsonNode routed = lines.stream()
                .filter(n -> n.get("event").asText().equals("routed")).findFirst().orElseThrow();
        assertEquals("delta", routed.get("kind").asText());
        assertEquals("Spruce-12.10.10-12.10.11.delta.kit", routed.get("kit").asText());
        assertEquals(2 * MIB, routed.get("size").asLong());
        com.fasterxml.jackson.databind.JsonNode progress = lines.stream()
                .filter(n -> n.get("event").asText().equals("progress")).findFirst().orElseThrow();
        assertEquals(List.of("delta", "50", String.valueOf(2 * MIB)), List.of(progress.get("kind").asText(),
                progress.get("percent").asText(), progress.get("size").asText()));
    }

    private void tick(Duration d) {
        clock.addAndGet(d.toNanos());
    }

    private static Delivery delivery(long id, String site, long size, long sent) {
        return delivery(id, site, size, sent, DeliveryState.SENDING);
    }

    private static Delivery delivery(long id, String site, long size, long sent, DeliveryState state) {
        return new Delivery(id, 1, id, null, site, "Spruce 12.10.11", "Spruce-12.10.11.kit", state, 1,
                sent, size, Instant.EPOCH, null, null, null, 1, Instant.EPOCH, Instant.EPOCH, DeliveryKind.KIT,
                "Spruce-12.10.11.kit", null);
    }
}
