package io.patchbay.transport.outbox;

/** What a {@link Pusher} reports while it pushes; called on the pushing thread, so it must be quick. */
public interface PushProgress {
    /** {@code sent} bytes of {@code total} are on the site, a resumed prefix included. */
    void sent(long sent, long total);

    /** The site created a resumable upload at {@code url}; the outbox stores it for the next attempt. */
    default void resumableAt(String url) {
    }
}
