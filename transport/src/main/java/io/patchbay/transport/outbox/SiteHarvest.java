package io.patchbay.transport.outbox;

import io.patchbay.model.report.AgentHealth;
import io.patchbay.model.report.AgentReport;
import io.patchbay.model.report.PatchReport;

import java.util.List;
import java.util.Optional;

/**
 * The reports read from one site (its patches, the agent's site report and its health, each when present), and
 * one line for each report that could not be read.
 */
public record SiteHarvest(List<PatchReport> patches, Optional<AgentReport> agent, Optional<AgentHealth> health,
                          List<String> problems) {
    public SiteHarvest {
        patches = List.copyOf(patches);
        problems = List.copyOf(problems);
    }

    /** Patch reports only (an agent that wrote no site report or health yet). */
    public SiteHarvest(List<PatchReport> patches, List<String> problems) {
        this(patches, Optional.empty(), Optional.empty(), problems);
    }
}
