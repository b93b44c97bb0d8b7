package io.patchbay.model.workspace;

import io.patchbay.model.report.CheckOutcome;

import java.time.Instant;

/** The latest outcome of one policy check for a release on a site. */
public record CheckResult(long siteId, long releaseId, String check, CheckOutcome outcome, String reason,
                          Instant at) {
}
