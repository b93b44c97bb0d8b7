package io.patchbay.model.workspace;

import java.time.Instant;

/**
 * One kit travelling to one site: a row of the outbox.
 *
 * @param rolloutId      the rollout that queued it; null when queued on its own (always for a pull notice)
 * @param kitFile        the release's kit file name in the workspace's {@code kits/} folder
 * @param attempts       how many times a worker has taken it
 * @param bytesSent      how far the current or last transfer got
 * @param size           the kit's size in bytes
 * @param nextTryAt      when a worker may take it next
 * @param lastError      why the last try failed; null if none did
 * @param leaseOwner     the worker that holds it while sending; null otherwise
 * @param leaseExpiresAt when that worker's claim lapses unless renewed
 * @param rowVersion     increases with every change of the row
 * @param kind           the kit, the release's pull notice, or a key rotation notice
 * @param fileName       the name the file takes in the site's inbox: the kit file name, the notice's
 *                       {@code <product>-<version>.pull}, or the statement's {@code key-rotation-000003.rotation}
 * @param rotationId     the recorded statement a rotation notice carries ({@link KeyRotations}); null otherwise.
 *                       A rotation notice is no release's: its {@code releaseId} is 0, {@code kitFile} null and
 *                       {@code releaseTitle} names the statement ({@code key rotation 3})
 */
public record Delivery(
        long id, long releaseId, long siteId, Long rolloutId, String siteName, String releaseTitle, String kitFile,
        DeliveryState state, int attempts, long bytesSent, long size, Instant nextTryAt, String lastError,
        String leaseOwner, Instant leaseExpiresAt, long rowVersion, Instant createdAt, Instant updatedAt,
        DeliveryKind kind, String fileName, Long rotationId) {

    /** {@code Spruce 12.10.11 -> alpha} or {@code Spruce 12.10.11 pull notice -> alpha}: how events and logs name it. */
    public String subject() {
        return what() + " -> " + siteName;
    }

    /** What travels: {@code Spruce 12.10.11} (its kit), {@code Spruce 12.10.11 pull notice} or {@code key rotation 3}. */
    public String what() {
        return kind == DeliveryKind.PULL ? releaseTitle + " pull notice" : releaseTitle;
    }

    /** Whole percent sent, 0..100. */
    public int percent() {
        return size <= 0 ? (state == DeliveryState.DELIVERED ? 100 : 0) : (int) Math.min(100, bytesSent * 100 / size);
    }
}
