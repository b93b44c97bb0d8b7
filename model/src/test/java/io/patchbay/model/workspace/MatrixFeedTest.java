package io.patchbay.model.workspace;

import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a screen following the matrix sees ({@link MatrixFeed}), on the database's own clock: every committed change
 * once, also when a transaction stamped before another commits after it.
 */
@OnEachDatabase
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MatrixFeedTest extends WorkspaceTestSupport {
    private Release release;

    @BeforeEach
    void rollOutToTwoSites() {
        release = Fixtures.addRelease(ws, "12.10.11");
        Fixtures.addSite(ws, "alpha");
        Fixtures.addSite(ws, "bravo");
        ws.rollouts().start(release.id(), List.of("alpha", "bravo"), List.of(), null, Fixtures.PERSON);
    }

    @Test
    void aChangeStampedEarlierButCommittedLaterIsSeenOnceAfterItCommits() throws Exception {
        MatrixFeed feed = ws.matrix().feed();
        assertEquals(List.of("alpha queued", "bravo queued"), words(feed.next()), "the first read is every cell");

        try (Connection slow = ws.connect()) {
            // A worker's transaction takes its time from the database, then writes alpha's row and is slow to commit.
            slow.setAutoCommit(false);
            Instant stamped = now(slow);
            try (PreparedStatement s = slow.prepareStatement("UPDATE delivery SET state = 'retrying', "
                    + "last_error = 'connection reset', row_version = row_version + 1, updated_at = ? "
                    + "WHERE site_id = (SELECT id FROM site WHERE name = 'alpha')")) {
                Sql.bind(s, stamped);
                assertEquals(1, s.executeUpdate());
            }
            awaitDatabaseClockPast(stamped);
            // Meanwhile another worker takes bravo (alpha's row is locked, so SKIP LOCKED passes it) and commits.
            List<Delivery> taken = ws.deliveries().claim("worker-2", 2, Duration.ofMinutes(1));
            assertEquals(List.of("bravo"), taken.stream().map(Delivery::siteName).toList());

            assertEquals(List.of("bravo sending"), words(feed.next()), "alpha's change is not committed yet");
            slow.commit();
        }

        assertEquals(List.of("alpha retrying"), words(feed.next()),
                "committed after a later-stamped change was shown, and still seen");
        assertEquals(List.of(), words(feed.next()), "each change once");
    }

    @Test
    void aReportHarvestedNowIsSeenThoughTheAgentWroteItLongAgo() {
        MatrixFeed feed = ws.matrix().feed();
        feed.next();
        feed.next();
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1)); // the agent's clock, or a late harvest
        ws.reports().record("alpha", new PatchReport(1, release.kitFile(), release.kitSha256(), "Spruce", "12.10.11",
                PatchState.INSTALLED, null, anHourAgo, anHourAgo, null, null, null), Fixtures.WORKER);

        List<MatrixCell> changed = feed.next();
        assertEquals(List.of("alpha"), changed.stream().map(MatrixCell::siteName).toList());
        assertEquals(PatchState.INSTALLED, changed.get(0).patch());
        assertEquals(List.of(), words(feed.next()));
    }

    @Test
    void aCellThatChangesAgainIsSeenAgainAndTheOthersNot() {
        MatrixFeed feed = ws.matrix().feed();
        feed.next();
        Delivery taken = ws.deliveries().claim(Fixtures.WORKER, 1, Duration.ofMinutes(1)).get(0);
        assertEquals(List.of(taken.siteName() + " sending"), words(feed.next()));
        assertTrue(ws.deliveries().progress(taken.id(), Fixtures.WORKER, 1000, Duration.ofMinutes(1)));
        List<MatrixCell> progressed = feed.next();
        assertEquals(List.of(taken.siteName() + " sending"), words(progressed));
        assertEquals(1000, progressed.get(0).bytesSent());
        assertEquals(List.of(), feed.next());
    }

    @Test
    void pausingARolloutChangesItsCellsThoughNoDeliveryRowChanged() {
        MatrixFeed feed = ws.matrix().feed();
        feed.next();
        Rollout rollout = ws.rollouts().ofRelease(release.id()).get(0);

        ws.rollouts().pause(rollout.id(), Fixtures.PERSON);
        assertEquals(List.of("alpha held", "bravo held"), words(feed.next()));
        assertEquals(List.of(), feed.next());

        ws.rollouts().resume(rollout.id(), Fixtures.PERSON);
        assertEquals(List.of("alpha queued", "bravo queued"), words(feed.next()));
    }

    @Test
    void aSiteMovedToAnotherRingIsSeenWithItsNewRing() {
        MatrixFeed feed = ws.matrix().feed();
        feed.next();
        Site alpha = ws.sites().get("alpha");

        ws.sites().update(alpha.spec().withRing("late"), Fixtures.PERSON);
        List<MatrixCell> changed = feed.next();
        assertEquals(List.of("alpha queued"), words(changed));
        assertEquals("late", changed.get(0).ring());
        assertEquals(List.of(), feed.next());
    }

    private static List<String> words(List<MatrixCell> cells) {
        return cells.stream().map(c -> c.siteName() + " " + c.word()).sorted().toList();
    }

    private static Instant now(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT CURRENT_TIMESTAMP"); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getObject(1, OffsetDateTime.class).toInstant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        }
    }

    /** So the other worker's stamp is surely later, whatever the clock's resolution. */
    private void awaitDatabaseClockPast(Instant stamp) throws SQLException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            try (Connection c = ws.connect()) {
                if (now(c).isAfter(stamp)) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the database's clock did not pass " + stamp);
    }
}
