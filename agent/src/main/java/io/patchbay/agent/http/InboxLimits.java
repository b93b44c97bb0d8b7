package io.patchbay.agent.http;

import java.time.Duration;

/**
 * How much the HTTPS receiver takes in at once, so a sender (or an attacker with the token) cannot fill the
 * site's disk: uploads in progress, bytes waiting in the inbox (kits not yet taken in plus what unfinished
 * uploads announced), and free space always left on the inbox's file system for installs and backups.
 * Each refusal names its limit and is one the workstation retries later ({@link UploadAdmission}).
 *
 * @param maxUploads    uploads in progress at once (those that received bytes within {@link #ACTIVE})
 * @param maxInboxBytes bytes waiting in the inbox, finished and announced
 * @param reserveBytes  free space never handed to uploads
 */
public record InboxLimits(int maxUploads, long maxInboxBytes, long reserveBytes) {
    public static final int DEFAULT_MAX_UPLOADS = 4;
    public static final long DEFAULT_RESERVE_BYTES = 256L * 1024 * 1024;
    /** An unfinished upload untouched for longer was abandoned: it no longer takes a slot (its bytes still count). */
    public static final Duration ACTIVE = Duration.ofHours(1);

    public InboxLimits {
        if (maxUploads < 1) {
            throw new IllegalArgumentException("maxUploads must be positive");
        }
        if (maxInboxBytes < 1 || reserveBytes < 0) {
            throw new IllegalArgumentException("inbox limits must be positive");
        }
    }

    /**
     * The defaults for an inbox whose file system has {@code usableBytes} free when the agent starts: waiting
     * kits may take half of what is left above the reserve, the other half stays for staging and backups.
     */
    public static InboxLimits forFreeSpace(long usableBytes) {
        return new InboxLimits(DEFAULT_MAX_UPLOADS, Math.max(1, (usableBytes - DEFAULT_RESERVE_BYTES) / 2),
                DEFAULT_RESERVE_BYTES);
    }
}
