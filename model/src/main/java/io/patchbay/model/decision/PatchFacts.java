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
 * @param pull          the vendor's pull of this release (when and why, as its signed notice says); null when not
 *                      pulled
 * @param intact        the kit was verified on receipt and is still byte-for-byte what was verified
 * @param scheduledAt   the time an operator set for this patch ({@code agent schedule}); on a tick it installs as in
 *                      scheduled mode, whatever the site's mode; null when none
 * @param postponed     an operator postponed it ({@code agent postpone}): on a tick it waits for an operator, as in
 *                      manual mode
 * @param adminNotified the administrator was already told this release needs a manual install
 * @param trigger       a tick, an operator's "Install now", or an operator's forced rollback
 */
public record PatchFacts(
        Manifest manifest,
        Version installed,
        Pull pull,
        boolean intact,
        Instant scheduledAt,
        boolean postponed,
        boolean adminNotified,
        Trigger trigger) {

    /**
     * What the vendor's signed pull notice says.
     *
     * @param at     when the vendor pulled the release; null when not known
     * @param reason the vendor's reason; null when not known
     */
    public record Pull(Instant at, String reason) {
        /** A pull known only as such. */
        public static final Pull UNEXPLAINED = new Pull(null, null);
    }

    public PatchFacts {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(trigger, "trigger");
    }

    /** A verified, intact, not pulled patch evaluated on a tick. */
    public static PatchFacts onTick(Manifest manifest, Version installed) {
        return new PatchFacts(manifest, installed, null, true, null, false, false, Trigger.TICK);
    }

    /** The vendor pulled this release. */
    public boolean pulled() {
        return pull != null;
    }

    public PatchFacts withTrigger(Trigger t) {
        return new PatchFacts(manifest, installed, pull, intact, scheduledAt, postponed, adminNotified, t);
    }

    /** Pulled (when and why not known) or not. */
    public PatchFacts withPulled(boolean v) {
        return withPull(v ? Pull.UNEXPLAINED : null);
    }

    public PatchFacts withPull(Pull v) {
        return new PatchFacts(manifest, installed, v, intact, scheduledAt, postponed, adminNotified, trigger);
    }

    public PatchFacts withIntact(boolean v) {
        return new PatchFacts(manifest, installed, pull, v, scheduledAt, postponed, adminNotified, trigger);
    }

    public PatchFacts withScheduledAt(Instant v) {
        return new PatchFacts(manifest, installed, pull, intact, v, postponed, adminNotified, trigger);
    }

    public PatchFacts withPostponed(boolean v) {
        return new PatchFacts(manifest, installed, pull, intact, scheduledAt, v, adminNotified, trigger);
    }

    public PatchFacts withAdminNotified(boolean v) {
        return new PatchFacts(manifest, installed, pull, intact, scheduledAt, postponed, v, trigger);
    }
}
