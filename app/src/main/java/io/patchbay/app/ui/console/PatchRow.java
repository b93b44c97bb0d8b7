package io.patchbay.app.ui.console;

import io.patchbay.agent.registry.PatchRecord;
import io.patchbay.model.policy.SiteTimes;
import io.patchbay.model.report.CheckOutcome;
import io.patchbay.model.report.CheckRow;
import io.patchbay.model.report.InstallationReport;
import io.patchbay.model.report.PatchState;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * One patch as the site console lists it; times already shown in the site's zone.
 *
 * @param id            the patch's id in the registry
 * @param product       null for a kit refused before it could be read
 * @param version       null for a kit refused before it could be read
 * @param title         "Spruce 12.10.11", or the kit's name
 * @param state         where it stands
 * @param reason        why, in one line
 * @param lastCheck     the latest decision's deciding check (the first that did not pass, else the last), or ""
 * @param received      when the kit arrived
 * @param scheduled     an operator's time, "postponed", or ""
 * @param installations how many attempts and how the last one ended, or ""
 * @param waiting       a tick still decides it (schedule and postpone apply)
 * @param folder        the patch's folder under the agent home, null for a refused kit
 * @param checks        the latest decision's checks, in order
 * @param nextChance    when a waiting patch installs next, in the site's zone and the viewer's, how far off and
 *                      by which rule; "" when it does not wait or its agent has not said
 */
public record PatchRow(String id, String product, String version, String title, PatchState state, String reason,
                       String lastCheck, String received, String scheduled, String installations, boolean waiting,
                       String folder, List<CheckRow> checks, String nextChance) {

    /** @param zone the site's zone; {@code viewer} and {@code now} place the next install chance for the person looking */
    public static PatchRow of(PatchRecord p, ZoneId zone, ZoneId viewer, Instant now) {
        String scheduled = p.postponed() ? "postponed"
                : p.scheduledAt() == null ? "" : SiteTimes.show(p.scheduledAt(), zone);
        InstallationReport last = p.lastInstallation();
        String installs = last == null ? "" : p.installations().size() + ", last " + last.outcome().word() + " "
                + SiteTimes.show(last.finishedAt(), zone);
        return new PatchRow(p.id(), p.product(), p.version(), p.title(), p.state(), p.reason() == null ? "" : p.reason(),
                lastCheck(p.checks()), SiteTimes.show(p.receivedAt(), zone), scheduled, installs, p.waiting(),
                p.folder(), p.checks(), p.nextChance() == null ? "" : p.nextChance().describe(viewer, now));
    }

    /** The state word a user reads, e.g. "rolled back". */
    public String stateWord() {
        return state.word();
    }

    public boolean installed() {
        return state == PatchState.INSTALLED;
    }

    /** A readable kit an operator may install now (again after a failure, or back after a rollback). */
    public boolean installable() {
        return product != null && state != PatchState.INSTALLED && state != PatchState.INSTALLING
                && state != PatchState.UP_TO_DATE;
    }

    private static String lastCheck(List<CheckRow> checks) {
        if (checks.isEmpty()) {
            return "";
        }
        CheckRow deciding = checks.stream().filter(c -> c.outcome() != CheckOutcome.PASS).findFirst()
                .orElse(checks.get(checks.size() - 1));
        return deciding.check() + ": " + deciding.reason();
    }
}
