package io.patchbay.transport.outbox;

import io.patchbay.model.report.PatchReport;

import java.util.List;

/** The patch reports read from one site, and one line for each report that could not be read. */
public record SiteHarvest(List<PatchReport> patches, List<String> problems) {
    public SiteHarvest {
        patches = List.copyOf(patches);
        problems = List.copyOf(problems);
    }
}
