package io.patchbay.model.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A failed try is due again a delay after now by the workspace's clock, not the worker machine's. */
@OnEachDatabase
class RetryDelayTest {
    @Parameter
    Backend backend;

    @TempDir
    Path dir;

    @Test
    void aFailedTryIsDueAgainItsDelayAfterTheWorkspacesNow() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
        try (Workspace ws = Workspace.open(backend.location(dir), clock)) {
            Release release = Fixtures.addRelease(ws, "12.10.11");
            Fixtures.addSite(ws, "alpha");
            Delivery d = ws.deliveries().enqueue(release.id(), "alpha", Fixtures.PERSON);
            ws.deliveries().claim(Fixtures.WORKER, 1, Duration.ofMinutes(2));
            clock.advance(Duration.ofSeconds(30));

            ws.deliveries().markFailed(d.id(), Fixtures.WORKER, "connection refused", Duration.ofMinutes(5));

            assertEquals(Instant.parse("2026-11-22T10:05:30Z"), ws.deliveries().find(d.id()).orElseThrow().nextTryAt());
            clock.advance(Duration.ofMinutes(5).minusSeconds(1));
            assertEquals(List.of(), ws.deliveries().claim(Fixtures.WORKER, 1, Duration.ofMinutes(2)));
            clock.advance(Duration.ofSeconds(1));
            assertEquals(1, ws.deliveries().claim(Fixtures.WORKER, 1, Duration.ofMinutes(2)).size());
        }
    }
}
