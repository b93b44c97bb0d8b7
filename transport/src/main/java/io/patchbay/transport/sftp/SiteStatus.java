package io.patchbay.transport.sftp;

import io.patchbay.model.report.AgentHealth;
import io.patchbay.model.report.AgentReport;
import io.patchbay.model.report.PatchReport;

import java.util.List;
import java.util.Optional;

/**
 * The reports read from a site's {@code status/} folder. A report that cannot be read or parsed does not
 * hide the others: it is named in {@code problems}, one line each.
 */
public record SiteStatus(Optional<AgentReport> agent, Optional<AgentHealth> health, List<PatchReport> patches,
                         List<String> problems) {
    public SiteStatus {
        patches = List.copyOf(patches);
        problems = List.copyOf(problems);
    }
}
