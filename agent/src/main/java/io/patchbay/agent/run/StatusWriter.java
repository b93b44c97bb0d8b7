package io.patchbay.agent.run;

import io.patchbay.agent.registry.PatchRecord;
import io.patchbay.agent.registry.PullRecord;
import io.patchbay.agent.registry.Registry;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.report.AgentReport;
import io.patchbay.model.report.StatusReports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;

/**
 * Writes the reports the workstation reads from {@code status/}: one per patch and {@code agent.json}. A report that
 * cannot be written is logged, never fails the agent's work: the next change writes them all again.
 */
final class StatusWriter {
    private static final Logger LOG = LoggerFactory.getLogger(StatusWriter.class);
    private final AgentContext ctx;

    StatusWriter(AgentContext ctx) {
        this.ctx = ctx;
    }

    /** The report of one patch not in the registry (a kit this machine failed to take). */
    void write(PatchRecord patch) {
        try {
            Files.createDirectories(ctx.home().status());
            StatusReports.write(ctx.home().status(), patch.toReport(ctx.clock().instant()));
        } catch (IOException e) {
            LOG.warn("cannot write the status report of {} in {}: {}", patch.kit(), ctx.home().status(), e.getMessage());
        }
    }

    /** Rewrites every patch report and {@code agent.json}. */
    void writeAll() {
        Registry reg = ctx.store().read();
        Instant now = ctx.clock().instant();
        boolean hold;
        try {
            hold = ctx.policy().supportHold();
        } catch (PatchbayException e) {
            hold = false;
        }
        try {
            Files.createDirectories(ctx.home().status());
            for (PatchRecord p : reg.patches()) {
                StatusReports.write(ctx.home().status(), p.toReport(now,
                        reg.pullOf(p).map(PullRecord::receivedAt).orElse(null)));
            }
            StatusReports.write(ctx.home().status(), new AgentReport(StatusReports.SCHEMA, Agent.agentVersion(), now,
                    reg.installed(), hold));
        } catch (IOException e) {
            LOG.warn("cannot write the status reports in {}: {}", ctx.home().status(), e.getMessage());
        }
    }
}
