package io.patchbay.model.workspace;

import io.patchbay.model.report.InstallChance;
import io.patchbay.model.matrix.MatrixState;
import io.patchbay.model.report.PatchState;

import java.time.Instant;

/**
 * One cell of the site matrix: where a release stands on a site, from the outbox and the agent's
 * latest report together.
 *
 * @param delivery  the outbox state; null when the kit reached the site some other way
 * @param patch     the agent's state for the patch; null until it reports
 * @param held      the release is pulled or its rollout paused, and the kit has not arrived
 * @param reason    why: the last delivery error, the agent's reason or the pull reason; may be null
 * @param nextTryAt when a retrying delivery is tried next; null otherwise
 * @param updatedAt the latest change of either half
 * @param pulled    the release is pulled
 * @param notice    where the release's pull notice to this site stands; null when none was queued
 * @param pullNoticedAt when the site's agent reported it had the pull notice; null until it has
 * @param nextChance    the patch's next install chance as its agent last reported it; null when none
 * @param offline       the site has no network: its kits go by bundle only
 * @param sent          which kit the outbox sent (full or delta) and any delta refused first; null before a send
 */
public record MatrixCell(long siteId, String siteName, String ring, long releaseId, String releaseTitle,
                         DeliveryState delivery, PatchState patch, boolean held, String reason, Instant nextTryAt,
                         long bytesSent, long size, Instant updatedAt, boolean pulled, DeliveryState notice,
                         Instant pullNoticedAt, InstallChance nextChance, boolean offline, KitSent sent) {

    /** A cell of a site reached over the network, whose outbox sent nothing this workspace knows the kind of. */
    public MatrixCell(long siteId, String siteName, String ring, long releaseId, String releaseTitle,
                      DeliveryState delivery, PatchState patch, boolean held, String reason, Instant nextTryAt,
                      long bytesSent, long size, Instant updatedAt, boolean pulled, DeliveryState notice,
                      Instant pullNoticedAt, InstallChance nextChance) {
        this(siteId, siteName, ring, releaseId, releaseTitle, delivery, patch, held, reason, nextTryAt, bytesSent, size,
                updatedAt, pulled, notice, pullNoticedAt, nextChance, false, null);
    }

    /**
     * Where the release stands on the site, one state from model to screen and command line: once the kit has
     * arrived the agent's (waiting, installed, rolled back, pulled...), before that the outbox's (queued,
     * sending, retrying...; waiting for a bundle at an offline site); held overrides both while nothing has arrived,
     * and pulled when the release was pulled before its kit arrived. {@link MatrixState#NONE} when neither half has anything to say.
     */
    public MatrixState state() {
        if (patch != null && (delivery == null || delivery == DeliveryState.DELIVERED
                || delivery == DeliveryState.BUNDLED || delivery == DeliveryState.SENDING || delivery == DeliveryState.REJECTED || pulled)) {
            return of(patch);
        }
        if (pulled && delivery != DeliveryState.DELIVERED && delivery != DeliveryState.BUNDLED
                && delivery != DeliveryState.REJECTED) {
            return MatrixState.PULLED;
        }
        if (held && (delivery == null || !delivery.isFinal())) {
            return MatrixState.HELD;
        }
        if (offline && (delivery == DeliveryState.QUEUED || delivery == DeliveryState.RETRYING)) {
            return MatrixState.AWAITING_BUNDLE; // no worker sends it: only a bundle moves it on
        }
        return delivery == null ? MatrixState.NONE : of(delivery);
    }

    /** The state's word, e.g. "installed"; empty for {@link MatrixState#NONE}. */
    public String word() {
        MatrixState s = state();
        return s == MatrixState.NONE ? "" : s.word();
    }

    /** The agent's state as the matrix shows it: a kit that arrived and was not yet evaluated is delivered. */
    public static MatrixState of(PatchState patch) {
        return switch (patch) {
            case RECEIVED -> MatrixState.DELIVERED;
            case REJECTED -> MatrixState.REJECTED;
            case WAITING -> MatrixState.WAITING;
            case SCHEDULED -> MatrixState.SCHEDULED;
            case INSTALLING -> MatrixState.INSTALLING;
            case INSTALLED, UP_TO_DATE -> MatrixState.INSTALLED;
            case ROLLED_BACK -> MatrixState.ROLLED_BACK;
            case FAILED -> MatrixState.FAILED;
            case PULLED -> MatrixState.PULLED;
            case HELD -> MatrixState.HELD;
            // The site's machine failed (disk full...): retried there, so not final; the reason says what failed.
            case SITE_FAILURE -> MatrixState.RETRYING;
        };
    }

    /** The outbox's state as the matrix shows it; a delivery a person cancelled is held (that is how the matrix holds). */
    public static MatrixState of(DeliveryState delivery) {
        return switch (delivery) {
            case QUEUED -> MatrixState.QUEUED;
            case SENDING -> MatrixState.SENDING;
            case RETRYING -> MatrixState.RETRYING;
            case DELIVERED -> MatrixState.DELIVERED;
            case REJECTED -> MatrixState.REJECTED;
            case CANCELLED -> MatrixState.HELD;
            case BUNDLED -> MatrixState.BUNDLED;
        };
    }

    /** Whole percent sent, 0..100. */
    public int percent() {
        if (delivery == DeliveryState.DELIVERED || delivery == DeliveryState.BUNDLED) {
            return 100;
        }
        return size <= 0 ? 0 : (int) Math.min(100, bytesSent * 100 / size);
    }
}
