package io.patchbay.transport;

/** Told how far an upload has come; called from the uploading thread, so it must be quick. */
@FunctionalInterface
public interface TransferListener {
    TransferListener NONE = (sent, total) -> { };

    /** {@code sent} counts the bytes the site already holds, including a resumed prefix. */
    void progress(long sent, long total);
}
