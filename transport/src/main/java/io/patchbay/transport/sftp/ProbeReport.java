package io.patchbay.transport.sftp;

/**
 * What {@code patchbay site test} found: the server's version string, the host key it presented and
 * whether the site's folders are usable.
 */
public record ProbeReport(String serverVersion, String hostKeyType, String hostKeyFingerprint,
                          boolean inboxExists, boolean inboxWritable,
                          boolean statusExists, boolean statusReadable, int statusFiles) {
    /** True when a push and a status harvest can both work. */
    public boolean ready() {
        return inboxWritable && statusReadable;
    }
}
