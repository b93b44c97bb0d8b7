package io.patchbay.transport.https;

import java.time.Duration;

/**
 * Limits of one {@link TusClient}.
 *
 * @param connectTimeout  how long a TCP + TLS connect may take
 * @param requestTimeout  how long one request may take from sending to the response headers, including
 *                        sending one whole chunk: a stalled upload fails after this
 * @param chunkSize       bytes sent per PATCH; the client holds one chunk in memory, never the whole kit
 * @param checksumRetries how often one chunk the site refused as corrupt (HTTP 460) is read and sent again
 */
public record TusOptions(Duration connectTimeout, Duration requestTimeout, int chunkSize, int checksumRetries) {
    public static final int MIN_CHUNK = 64 * 1024;
    public static final int MAX_CHUNK = 64 * 1024 * 1024;

    public TusOptions {
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (chunkSize < MIN_CHUNK || chunkSize > MAX_CHUNK) {
            throw new IllegalArgumentException("chunk size must be between " + MIN_CHUNK + " and " + MAX_CHUNK);
        }
        if (checksumRetries < 0) {
            throw new IllegalArgumentException("checksum retries must not be negative");
        }
    }

    /** 10 s to connect, 60 s per request, 8 MiB chunks (each costs the agent an fsync), 3 retries of a corrupted chunk. */
    public static TusOptions defaults() {
        return new TusOptions(Duration.ofSeconds(10), Duration.ofSeconds(60), 8 * 1024 * 1024, 3);
    }

    public TusOptions withChunkSize(int bytes) {
        return new TusOptions(connectTimeout, requestTimeout, bytes, checksumRetries);
    }

    public TusOptions withRequestTimeout(Duration timeout) {
        return new TusOptions(connectTimeout, timeout, chunkSize, checksumRetries);
    }
}
