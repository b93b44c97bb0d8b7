package io.patchbay.agent.cli;

import io.patchbay.agent.registry.PatchRecord;
import io.patchbay.agent.registry.Registry;
import io.patchbay.model.policy.SiteTimes;
import io.patchbay.model.report.CheckRow;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.Locale;

/**
 * What {@code agent list} prints: what the site runs, then every patch with its state and last check. A version
 * that was installed and has since been replaced by a newer one shows as superseded, not installed; every time
 * carries its zone (the site's), and the first line names the zone that the rules' reasons speak in.
 */
final class PatchListing {
    private PatchListing() {
    }

    static void print(Registry reg, ZoneId zone, PrintWriter out) {
        out.println("site time zone: " + zone.getId() + " (times in reasons are the site's wall clock)");
        if (!reg.products().isEmpty()) {
            out.println("serves: " + String.join(", ", reg.products()));
        }
        reg.installed().forEach((p, v) -> out.println("installed: " + p + " " + v));
        if (reg.patches().isEmpty()) {
            out.println("no patches received yet");
        }
        reg.pulls().stream().filter(pull -> reg.patches().stream().noneMatch(p -> pull.isAbout(p.product(), p.version())))
                .forEach(pull -> out.println("pulled, not received: " + pull.title() + " (" + pull.reason() + ")"));
        for (PatchRecord p : reg.patches()) {
            String superseded = reg.supersededBy(p).orElse(null);
            String state = superseded == null ? p.state().word() : "superseded";
            String reason = superseded == null ? (p.reason() == null ? "" : p.reason())
                    : "replaced by " + p.product() + " " + superseded + (p.lastInstallation() == null
                    || p.lastInstallation().finishedAt() == null ? ""
                    : "; installed here " + SiteTimes.showZoned(p.lastInstallation().finishedAt(), zone));
            out.printf("%-28s %-12s %s%n", p.title(), state, reason);
            out.println("    kit " + p.kit() + ", received " + SiteTimes.showZoned(p.receivedAt(), zone)
                    + (p.scheduledAt() == null ? "" : ", scheduled " + SiteTimes.showZoned(p.scheduledAt(), zone))
                    + (p.postponed() ? ", postponed" : ""));
            reg.pullOf(p).ifPresent(pull -> out.println("    pulled by the vendor "
                    + SiteTimes.showZoned(pull.pulledAt(), zone) + ": " + pull.reason() + "; notice received "
                    + SiteTimes.showZoned(pull.receivedAt(), zone)));
            if (!p.checks().isEmpty()) {
                CheckRow last = p.checks().get(p.checks().size() - 1);
                out.println("    last check: " + last.check() + " " + last.outcome().name().toLowerCase(Locale.ROOT)
                        + ": " + last.reason());
            }
        }
    }
}
