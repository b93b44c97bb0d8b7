package io.patchbay.model.decision;

import io.patchbay.model.kit.Manifest;
import io.patchbay.model.release.Version;

import java.time.Instant;
import java.util.Objects;

/**
 * What the agent knows about one patch when it decides; gathered by the caller, so the decision itself
 * does no I/O.
 *
 * @param manifest      the patch's {@code kit.ini}
 * @param installed     the version of the same product installed on the site; null when none is
 * @param pulled        the vendor pulled this release
 * @param intact        the kit was verified on receipt and is still byte-for-byte what was verified
 * @param scheduledAt   the time an operator set for this patch (scheduled mode); null when none
 * @param adminNotified the administrator was already told this release needs a manual install
 * @param trigger       a tick, an operator's "Install now", or an operator's forced rollback
 */
public record PatchFacts(
        Manifest manifest,
        Version installed,
        boolean pulled,
        boolean intact,
        Instant scheduledAt,
        boolean adminNotified,
        Trigger trigger) {

    public PatchFacts {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(trigger, "trigger");
    }

    /** A verified, intact, not pulled patch evaluated on a tick. */
    public static PatchFacts onTick(Manifest manifest, Version installed) {
        return new PatchFacts(manifest, installed, false, true, null, false, Trigger.TICK);
    }

    public PatchFacts withTrigger(Trigger t) {
        return new PatchFacts(manifest, installed, pulled, intact, scheduledAt, adminNotified, t);
    }

    public PatchFacts withPulled(boolean v) {
        return new PatchFacts(manifest, installed, v, intact, scheduledAt, adminNotified, trigger);
    }

    public PatchFacts withIntact(boolean v) {
        return new PatchFacts(manifest, installed, pulled, v, scheduledAt, adminNotified, trigger);
    }

    public PatchFacts withScheduledAt(Instant v) {
        return new PatchFacts(manifest, installed, pulled, intact, v, adminNotified, trigger);
    }

    public PatchFacts withAdminNotified(boolean v) {
        return new PatchFacts(manifest, installed, pulled, intact, scheduledAt, v, trigger);
    }
}
