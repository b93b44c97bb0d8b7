package io.patchbay.model.kit;

/**
 * Progress of a kit build. Called from the builder's worker threads, about once per MiB copied:
 * implementations must be thread-safe and quick (hand the numbers to a UI thread, draw a bar).
 */
@FunctionalInterface
public interface KitBuildListener {
    KitBuildListener NONE = (done, total, current) -> { };

    void progress(long bytesDone, long bytesTotal, String currentEntry);
}
