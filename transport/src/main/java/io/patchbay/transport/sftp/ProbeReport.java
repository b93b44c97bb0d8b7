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

    /**
     * The inbox's state in one line, with the fix when the SFTP login cannot write it: the agent (which creates
     * the inbox) and the login must be one user or share a group, or every upload fails.
     */
    public String inboxState(String login, String inbox) {
        if (inboxWritable) {
            return "writable";
        }
        if (!inboxExists) {
            return "missing (created on the first delivery if the folder above it is writable)";
        }
        return "NOT writable by the SFTP login '" + login + "': on the site, run the agent as '" + login
                + "', or put '" + login + "' in the agent home's group (usermod -aG patchbay " + login
                + ") and make the inbox group-writable (chmod 2770 " + inbox + ")";
    }
}
