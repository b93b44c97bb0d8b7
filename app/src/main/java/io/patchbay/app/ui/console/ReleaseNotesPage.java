package io.patchbay.app.ui.console;

import io.patchbay.model.kit.ReleaseNotes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The release notes of a received patch as an HTML page: the kit's Markdown rendered here, by the same code
 * that wrote the kit, or a page saying there are none. The kit's own HTML is never shown: a signed kit
 * from an old or careless builder could carry links the renderer now refuses ({@code NotesLinks}).
 */
final class ReleaseNotesPage {
    private ReleaseNotesPage() {
    }

    static String read(Path home, PatchRow patch) {
        if (patch.folder() == null) {
            return note(patch.title(), "This kit was refused before it could be read: " + patch.reason());
        }
        Path kit = home.resolve(patch.folder()).resolve("kit");
        try {
            Path markdown = kit.resolve(ReleaseNotes.MARKDOWN_ENTRY);
            if (Files.isRegularFile(markdown)) {
                return ReleaseNotes.toDocument(patch.title(), Files.readString(markdown));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the release notes of " + patch.title() + ": " + e.getMessage(), e);
        }
        return note(patch.title(), "This kit carries no release notes.");
    }

    private static String note(String title, String text) {
        return ReleaseNotes.toDocument(title, "*" + text.replace("*", "\\*") + "*");
    }
}
