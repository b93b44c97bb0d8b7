package io.patchbay.model.workspace;

import java.time.Instant;
import java.time.ZoneId;

/**
 * The last signed status report of a site that a harvest refused (foreign, changed, replayed or missing), while no
 * report of the site has been accepted since.
 *
 * @param at     when the workstation refused it (its own clock)
 * @param reason the refusal's one-line message
 * @param times  refusals in a row since the site's last accepted report
 */
public record ReportRefusal(Instant at, String reason, int times) {

    /** e.g. {@code status report refused 3 times, last at 2026-12-02 23:10 UTC: REASON}, the time in {@code zone}. */
    public String text(ZoneId zone) {
        return "status report refused " + (times == 1 ? "once" : times + " times") + ", last at "
                + AgentCondition.at(at, zone) + ": " + reason;
    }
}
