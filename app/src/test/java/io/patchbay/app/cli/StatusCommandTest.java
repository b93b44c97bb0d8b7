package io.patchbay.app.cli;

import io.patchbay.app.ui.workspace.TestWorkspaces;
import io.patchbay.model.report.InstallChance;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.report.StatusReports;
import io.patchbay.model.workspace.Delivery;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import static io.patchbay.app.cli.KitCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code patchbay status}: a waiting patch's next install chance in the site's zone and the viewer's. */
class StatusCommandTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    @TempDir
    Path dir;

    @Test
    void aWaitingPatchShowsItsNextInstallChanceInTheSitesZoneAndTheViewers() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(9 * 60 + 30));
        try (Workspace ws = Workspace.open(dir.resolve("ws"))) {
            Release release = TestWorkspaces.addRelease(ws, "Spruce", "12.10.11", Instant.parse("2026-11-20T09:00:00Z"));
            TestWorkspaces.addSite(ws, "acme-paris", "pilot");
            Delivery d = ws.deliveries().enqueue(release.id(), "acme-paris", TestWorkspaces.PERSON);
            ws.deliveries().claim(TestWorkspaces.WORKER, 1, Duration.ofMinutes(1));
            ws.deliveries().markDelivered(d.id(), TestWorkspaces.WORKER);
            ws.reports().record("acme-paris", new PatchReport(StatusReports.SCHEMA, release.kitFile(), release.kitSha256(),
                    "Spruce", "12.10.11", PatchState.WAITING, "outside the install window 22:00-07:00 (Europe/Paris)",
                    Instant.now(), Instant.now(), null, List.of(), List.of(), null,
                    InstallChance.at(at, "install-window", PARIS)), TestWorkspaces.WORKER);
        }
        String ws = dir.resolve("ws").toString();

        KitCommandTest.Run text = run("status", "--workspace", ws, "--zone", "America/New_York");
        assertEquals(0, text.exit(), text.err());
        String site = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH).format(at.atZone(PARIS));
        String viewer = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH).format(at.atZone(ZoneId.of("America/New_York")));
        assertTrue(text.out().contains("acme-paris / Spruce 12.10.11: waiting: outside the install window 22:00-07:00 "
                + "(Europe/Paris); next install chance: " + site + " Europe/Paris (" + viewer + " America/New_York), in 9 h, "
                + "by install-window"), text.out());

        KitCommandTest.Run json = run("status", "--workspace", ws, "--json", "--zone", "Europe/Paris");
        assertEquals(0, json.exit(), json.err());
        assertTrue(json.out().contains("\"kind\" : \"at\""), json.out());
        assertTrue(json.out().contains("\"at\" : \"" + at + "\""), json.out());
        assertTrue(json.out().contains("\"zone\" : \"Europe/Paris\""), json.out());
        assertTrue(json.out().contains("\"text\" : \"" + site + " Europe/Paris, in 9 h, by install-window\""), json.out());
    }

    @Test
    void anUnknownViewerZoneIsRefusedInOneLine() {
        KitCommandTest.Run r = run("status", "--workspace", dir.resolve("ws").toString(), "--zone", "Mars/Olympus");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("not a time zone: 'Mars/Olympus' (expected an IANA zone such as Europe/Paris, or UTC)\n"),
                r.err());
    }
}
