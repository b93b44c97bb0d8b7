package io.patchbay.transport.https;

import java.net.URI;

/** Hears what one upload does; called on the uploading thread, so keep it quick. */
public interface UploadListener {
    UploadListener NONE = new UploadListener() {
    };

    /**
     * The site created a new upload at {@code uploadUrl}. Store it (the outbox does) and pass it back to
     * {@link TusClient#upload} after a drop or a restart to resume instead of starting over.
     */
    default void uploadCreated(URI uploadUrl) {
    }

    /** {@code sent} of {@code total} bytes are safely on the site (also called once when resuming). */
    default void progress(long sent, long total) {
    }
}
