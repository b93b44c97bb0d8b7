package io.patchbay.app.report;

import io.patchbay.app.ui.workspace.TestWorkspaces;
import io.patchbay.model.report.InstallationReport;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.report.StatusReports;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Workspace;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A workspace with a short history, recorded the way the outbox and the agents' reports would: Spruce 12.10.11
 * to four sites (alpha installed it, bravo's installation failed and was rolled back, charlie installed it and
 * an operator rolled it back, delta waits) and 12.10.12 retrying to alpha. One report is recorded by a person
 * whose name starts with '=' (as a spreadsheet formula would).
 */
public final class ReportFixture {
    public static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

    private ReportFixture() {
    }

    public static void create(Path dir) {
        try (Workspace ws = Workspace.open(dir)) {
            Release r = TestWorkspaces.addRelease(ws, "Spruce", "12.10.11", T0);
            Release next = TestWorkspaces.addRelease(ws, "Spruce", "12.10.12", T0.plusSeconds(86_400));
            TestWorkspaces.addSite(ws, "alpha", "pilot");
            TestWorkspaces.addSite(ws, "bravo", "pilot");
            TestWorkspaces.addSite(ws, "charlie", "broad");
            TestWorkspaces.addSite(ws, "delta", "broad");
            for (String site : List.of("alpha", "bravo", "charlie", "delta")) {
                ws.deliveries().enqueue(r.id(), site, TestWorkspaces.PERSON);
            }
            ws.deliveries().enqueue(next.id(), "alpha", TestWorkspaces.PERSON);
            // A worker takes them all: 12.10.11 arrives everywhere, 12.10.12's push to alpha fails and waits.
            for (var d : ws.deliveries().claim(TestWorkspaces.WORKER, 10, java.time.Duration.ofMinutes(5))) {
                if (d.releaseId() == r.id()) {
                    ws.deliveries().markDelivered(d.id(), TestWorkspaces.WORKER);
                } else {
                    ws.deliveries().markFailed(d.id(), TestWorkspaces.WORKER, "connection refused", T0.plusSeconds(90_000));
                }
            }
            ws.reports().record("alpha", report(r, PatchState.INSTALLED, null, T0.plusSeconds(3_600),
                    attempt(PatchState.INSTALLED, T0.plusSeconds(3_600), null)), "harvest");
            ws.reports().record("bravo", report(r, PatchState.ROLLED_BACK, "post-check failed: service did not start",
                    T0.plusSeconds(7_200),
                    attempt(PatchState.ROLLED_BACK, T0.plusSeconds(7_200), "post-check failed: service did not start")),
                    "=HYPERLINK(\"http://x\")");
            ws.reports().record("charlie", report(r, PatchState.ROLLED_BACK,
                    "rolled back by an operator to 12.10.10 at 2026-11-20T14:00:00Z", T0.plusSeconds(18_000),
                    attempt(PatchState.INSTALLED, T0.plusSeconds(10_800), null)), "harvest");
            ws.reports().record("delta", report(r, PatchState.WAITING, "window: outside 22:00-04:00", T0.plusSeconds(600)),
                    "harvest");
        }
    }

    private static InstallationReport attempt(PatchState outcome, Instant finished, String reason) {
        return new InstallationReport(1, "automatic", finished.minusSeconds(60), finished, outcome, "done", reason);
    }

    private static PatchReport report(Release r, PatchState state, String reason, Instant at,
                                      InstallationReport... attempts) {
        return new PatchReport(StatusReports.SCHEMA, r.kitFile(), r.kitSha256(), r.product(), r.version().toString(),
                state, reason, T0, at, null, List.of(), List.of(attempts));
    }
}
