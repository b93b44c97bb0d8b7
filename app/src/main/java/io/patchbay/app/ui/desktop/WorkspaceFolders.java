package io.patchbay.app.ui.desktop;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.workspace.Workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Which folders File > New and File > Open accept. A refusal is a {@link PatchbayException} naming the folder and
 * what to do instead; it keeps a person from opening their home folder as a workspace (and filling it with a
 * database) by a slip in the chooser, or from opening a typo as a new, empty workspace.
 */
final class WorkspaceFolders {
    private static final String DATABASE_FILE = Workspace.DATABASE_NAME + ".mv.db";

    private WorkspaceFolders() {
    }

    /** A workspace folder: it holds the workspace's database. */
    static Path existing(Path folder) throws IOException {
        Path abs = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw new PatchbayException("no such folder: " + abs);
        }
        if (!Files.isRegularFile(abs.resolve(DATABASE_FILE))) {
            throw new PatchbayException(abs + " is not a Patchbay workspace (it has no " + DATABASE_FILE
                    + "); choose New workspace to make one there");
        }
        return abs;
    }

    /** A folder for a new workspace: one that does not exist yet, or an empty one. */
    static Path fresh(Path folder) throws IOException {
        Path abs = folder.toAbsolutePath().normalize();
        if (Files.isRegularFile(abs.resolve(DATABASE_FILE))) {
            throw new PatchbayException(abs + " already is a workspace; choose Open workspace to open it");
        }
        if (Files.isDirectory(abs)) {
            try (Stream<Path> files = Files.list(abs)) {
                if (files.findAny().isPresent()) {
                    throw new PatchbayException(abs + " is not empty: a new workspace needs an empty or new folder");
                }
            }
        } else if (Files.exists(abs)) {
            throw new PatchbayException(abs + " is a file, not a folder");
        }
        return abs;
    }
}
