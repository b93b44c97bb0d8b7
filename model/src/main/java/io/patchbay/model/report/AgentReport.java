package io.patchbay.model.report;

import java.time.Instant;
import java.util.Map;

/**
 * The agent's report on its site as a whole ({@code status/agent.json}).
 *
 * @param schema       format version, {@link StatusReports#SCHEMA}
 * @param agentVersion the Patchbay version the agent runs
 * @param updatedAt    when this report was written; a stale time means the agent is not running
 * @param installed    product name to installed version
 * @param supportHold  true while the site is on support hold
 */
public record AgentReport(int schema, String agentVersion, Instant updatedAt, Map<String, String> installed,
                          boolean supportHold) {

    public AgentReport {
        installed = installed == null ? Map.of() : Map.copyOf(installed);
    }
}
