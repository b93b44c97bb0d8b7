package io.patchbay.transport.outbox;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.report.AgentHealth;
import io.patchbay.model.report.AgentReport;
import io.patchbay.model.report.PatchReport;

import io.patchbay.model.workspace.Workspace;

import java.util.ArrayList;
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

    /** What recording a harvest did: how many patch reports changed something, and what could not be recorded. */
    public record Recorded(int reports, List<String> problems) {
    }

    /**
     * Records these reports of {@code site} in the workspace, each on its own (one that cannot be recorded is a
     * problem, not a reason to drop the others): the one way a site's reports enter the workspace, whether read over
     * the network by the worker or carried back in a report bundle.
     */
    public Recorded record(Workspace ws, String site, String actor) {
        List<String> all = new ArrayList<>(problems);
        try {
            ws.siteAgents().record(site, agent, health);
        } catch (PatchbayException e) {
            all.add(DeliveryWorker.oneLine(e));
        }
        int recorded = 0;
        for (PatchReport report : patches) {
            try {
                if (ws.reports().record(site, report, actor)) {
                    recorded++;
                }
            } catch (PatchbayException e) {
                all.add(DeliveryWorker.oneLine(e));
            }
        }
        return new Recorded(recorded, all);
    }
}
