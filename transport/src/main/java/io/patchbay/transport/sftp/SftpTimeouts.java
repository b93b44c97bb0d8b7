package io.patchbay.transport.sftp;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits for each network step. {@code step} bounds every single SFTP request and every stretch of a
 * transfer without progress: a stalled link fails after it instead of hanging.
 */
public record SftpTimeouts(Duration connect, Duration auth, Duration step) {
    public static final SftpTimeouts DEFAULTS =
            new SftpTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(60));

    public SftpTimeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(step, "step");
        if (connect.isZero() || connect.isNegative() || auth.isZero() || auth.isNegative()
                || step.isZero() || step.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }
}
