package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;

import java.nio.file.Path;

/**
 * A site's private key or token is not on this machine. A failure of this machine, not a refusal of the site or
 * the delivery: another worker that has the file, or this one once a person puts it in place, sends it, so the
 * delivery is tried again. Its one line names the site and the file that is missing.
 */
public final class MissingCredential extends PatchbayException {
    private static final long serialVersionUID = 1L;

    private final String site;
    private final Path missing;

    MissingCredential(String site, String what, Path mapped, Path recorded) {
        super("site " + site + ": no " + what + " on this machine: " + mapped + " is missing"
                + (recorded == null || recorded.equals(mapped) ? "" : " (and so is the recorded " + recorded + ")"));
        this.site = site;
        this.missing = mapped;
    }

    public String site() {
        return site;
    }

    /** Where this machine's copy belongs. */
    public Path missing() {
        return missing;
    }
}
