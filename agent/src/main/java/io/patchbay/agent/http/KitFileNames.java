package io.patchbay.agent.http;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.pull.PullNotices;
import io.patchbay.model.trust.RotationStatements;

import java.util.regex.Pattern;

/**
 * The names a received file may take in the inbox: one plain file name, never a path, ending in {@code .kit}
 * (a kit), {@code .pull} (a signed pull notice) or {@code .rotation} (a key rotation statement); the agent tells
 * them apart by this name.
 */
public final class KitFileNames {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+");
    private static final int MAX_LENGTH = 200;

    private KitFileNames() {
    }

    /** Returns {@code name} when it is safe, else refuses it with the reason. */
    public static String check(String name) {
        if (name == null || name.isEmpty()) {
            throw new PatchbayException("upload has no file name (Upload-Metadata 'filename')");
        }
        if (name.length() > MAX_LENGTH) {
            throw new PatchbayException("kit file name longer than " + MAX_LENGTH + " characters");
        }
        if (!SAFE.matcher(name).matches()) {
            throw new PatchbayException("kit file name may only use A-Z a-z 0-9 . _ - (no paths): '" + name + "'");
        }
        if (name.startsWith(".") || name.contains("..")) {
            throw new PatchbayException("kit file name must not start with '.' or contain '..': '" + name + "'");
        }
        if (!(name.endsWith(".kit") && name.length() > ".kit".length()) && !PullNotices.isNoticeFileName(name)
                && !RotationStatements.isStatementFileName(name)) {
            throw new PatchbayException("kit file name must end with .kit (or .pull for a pull notice, .rotation for a "
                    + "key rotation statement): '" + name + "'");
        }
        return name;
    }
}
