package io.patchbay.model.workspace;

import io.patchbay.model.report.AgentHealth;

import java.time.Instant;
import java.util.stream.Stream;

/**
 * What the workspace knows of one site's agent: its last health report and site report as harvested, and when
 * it last reported on a patch. Times but {@code harvestedAt} are the agent's own. Every field but the site's
 * name may be null: a site whose reports were never read has nothing else.
 *
 * @param lastPatchReportAt the latest {@code updatedAt} of the site's patch reports (the agent rewrites them on
 *                          every tick), a sign of life from an agent that writes no health report
 * @param harvestedAt       when a workstation last read the site's health or site report (its own clock)
 */
public record SiteAgent(String siteName, String agentVersion, Instant startedAt, Instant lastTick,
                        AgentHealth.LastError lastError, Long homeFreeBytes, Long installRootFreeBytes,
                        Boolean policyReadable, AgentHealth.Service mail, AgentHealth.Service https,
                        Instant siteReportAt, Instant lastPatchReportAt, Instant harvestedAt) {

    /** Whether the agent wrote a health report (agents before it wrote only their site and patch reports). */
    public boolean hasHealth() {
        return startedAt != null;
    }

    /**
     * The agent's latest sign of life: from its health report when it writes one (start, good tick, error), else
     * the time of its last site or patch report. Null when nothing was ever read from the site.
     */
    public Instant lastContact() {
        Stream<Instant> times = hasHealth()
                ? Stream.of(startedAt, lastTick, lastError == null ? null : lastError.at())
                : Stream.of(siteReportAt, lastPatchReportAt);
        return times.filter(java.util.Objects::nonNull).max(Instant::compareTo).orElse(null);
    }
}
