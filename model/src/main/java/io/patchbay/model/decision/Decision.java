package io.patchbay.model.decision;

import io.patchbay.model.report.CheckRow;
import io.patchbay.model.report.InstallChance;
import io.patchbay.model.report.PatchState;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of deciding one patch.
 *
 * @param verdict         what to do
 * @param reason          one line: the deciding check's reason
 * @param until           WAIT: when the deciding rule clears, if known; SCHEDULED: the operator's time;
 *                        otherwise null
 * @param chance          the next install chance: when this patch could install with the same facts and
 *                        no person acting, and the rule that decides it; INSTALL_NOW: now; null for a
 *                        patch that is not waiting (installed, refused, pulled, held)
 * @param notifyAdmin     tell the administrator now that a manual install is required (once)
 * @param checks          the checks that ran, in order; evaluation stops at the first that does not pass
 */
public record Decision(
        Verdict verdict,
        String reason,
        Instant until,
        InstallChance chance,
        boolean notifyAdmin,
        List<CheckRow> checks) {

    public Decision {
        checks = List.copyOf(checks);
    }

    /** The instant of the next install chance, if it has one (the agent may sleep until then). */
    public Instant nextOpportunity() {
        return chance == null ? null : chance.at();
    }

    /** The check that decided: the last row (the first that did not pass), or the last passing one. */
    public CheckRow decidingCheck() {
        return checks.get(checks.size() - 1);
    }

    /** The state the agent reports for a patch left in this decision (INSTALL_NOW: still waiting to start). */
    public PatchState reportState() {
        return switch (verdict) {
            case INSTALL_NOW, WAIT -> PatchState.WAITING;
            case SCHEDULED -> PatchState.SCHEDULED;
            case STOP -> switch (decidingCheck().check()) {
                case Checks.PULLED -> PatchState.PULLED;
                case Checks.SUPPORT_HOLD -> PatchState.HELD;
                // Manual-only and major upgrades wait for an operator, which the reason says.
                default -> PatchState.WAITING;
            };
            case UP_TO_DATE -> PatchState.UP_TO_DATE;
            case REFUSED -> PatchState.REJECTED;
        };
    }

}
