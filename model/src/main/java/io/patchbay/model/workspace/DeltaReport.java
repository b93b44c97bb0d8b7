package io.patchbay.model.workspace;

import io.patchbay.model.kit.NeedsFullKitException;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;

/** What a site's report on a delta kit means for the workstation. */
enum DeltaReport {
    /** The site installed the release from the delta. */
    APPLIED,
    /**
     * The delta is sound but does not fit the site (another installed release, a changed base file, a result that
     * misses its checksum): the agent refused it with "needs the full kit: ...", and the full kit will do.
     */
    NEEDS_FULL_KIT,
    /** Anything else: waiting, installing, or refused as a hostile kit is (which no full kit mends). */
    OTHER;

    static DeltaReport of(PatchReport report) {
        if (report.state() == PatchState.REJECTED && report.reason() != null
                && report.reason().startsWith(NeedsFullKitException.PREFIX)) {
            return NEEDS_FULL_KIT;
        }
        if (report.state() == PatchState.INSTALLED || report.state() == PatchState.UP_TO_DATE) {
            return APPLIED;
        }
        return OTHER;
    }
}
