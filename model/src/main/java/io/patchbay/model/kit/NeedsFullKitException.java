package io.patchbay.model.kit;

import io.patchbay.model.PatchbayException;

/**
 * A delta kit that is sound but does not fit this site: its base is not the installed release, an installed file
 * is not the base's (a local hotfix), or a result does not match the release's checksum list. Final for this delta
 * (a refusal, not a failure of this machine), and nothing is installed; the full kit of the same release will do.
 * Its message is one line: {@code needs the full kit: payload/lib/app.jar: the installed file is not Spruce 12.10.0's}.
 */
public final class NeedsFullKitException extends PatchbayException {
    private static final long serialVersionUID = 1L;
    /** How every such message begins: the words a workstation reads in a site's report to send the full kit. */
    public static final String PREFIX = "needs the full kit: ";
    private final String file;
    private final String why;

    /** @param file the entry or file it concerns, or null when the whole delta does not fit (its base version) */
    public NeedsFullKitException(String file, String why) {
        super(PREFIX + (file == null ? "" : file + ": ") + why);
        this.file = file;
        this.why = why;
    }

    /** The entry it concerns ({@code payload/...}), or null. */
    public String file() {
        return file;
    }

    public String why() {
        return why;
    }
}
