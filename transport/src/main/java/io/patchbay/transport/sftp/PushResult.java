package io.patchbay.transport.sftp;

import java.time.Duration;

/**
 * What one push did. {@code resumedFrom} is the number of bytes the site already held in its
 * {@code .part} file and that were not sent again.
 */
public record PushResult(String kit, long size, long resumedFrom, Outcome outcome, Duration elapsed) {
    public enum Outcome {
        /** The kit was (finished being) uploaded and renamed into {@code inbox/}. */
        DELIVERED,
        /** {@code inbox/<kit>} was already there with the right size: an earlier attempt had finished. */
        ALREADY_DELIVERED
    }

    public long bytesSent() {
        return outcome == Outcome.ALREADY_DELIVERED ? 0 : size - resumedFrom;
    }
}
