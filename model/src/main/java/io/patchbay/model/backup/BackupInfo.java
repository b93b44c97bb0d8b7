package io.patchbay.model.backup;

/**
 * Which post-install backup a state is: the release installed and the site's number for that installation.
 *
 * @param product      the release's product
 * @param version      the release's version
 * @param installation the agent's number of the installation that took the backup
 */
public record BackupInfo(String product, String version, long installation) {
    /** {@code Spruce 12.10.11 (installation 3)}, as the commands print it. */
    public String describe() {
        return product + " " + version + " (installation " + installation + ")";
    }
}
