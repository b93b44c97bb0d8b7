package io.patchbay.agent.http;

import io.patchbay.agent.install.PostInstallBackup;
import io.patchbay.agent.install.PostInstallBackups;
import io.patchbay.model.NotFoundException;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.backup.StateArchive;
import io.patchbay.model.io.FileTrees;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Serves the post-install state of a version for {@code site fetch-backup} over HTTPS: {@code GET /backups/<version>}
 * answers the state of that version's latest successful installation as a {@link StateArchive} (which says which
 * installation it is), the same file {@code report --with-backup} puts in a report bundle. The site's copy of the
 * kit is unpacked into the state, so the answer needs nothing else from the site.
 */
final class BackupHandler implements ReadOnlyResource {
    static final String PATH = "/backups/";
    /** The answer is built in memory (Answer holds bytes): a state larger than this is refused, not half-sent. */
    static final int MAX_STATE_BYTES = 256 << 20;
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._+-]{1,64}");

    private final Path home;

    BackupHandler(Path home) {
        this.home = home;
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public Answer get(String path) throws IOException {
        String version = path.substring(PATH.length());
        if (!VERSION.matcher(version).matches() || version.startsWith(".")) {
            return Answer.text(404, "no such version");
        }
        PostInstallBackups.Found found;
        try {
            found = PostInstallBackups.latest(home, version);
        } catch (NotFoundException e) {
            return Answer.text(404, e.getMessage());
        } catch (PatchbayException e) {
            return Answer.text(410, e.getMessage());
        }
        Path scratch = Files.createTempDirectory(home, ".backup-out-");
        try {
            Path state = scratch.resolve("state");
            PostInstallBackup.export(found.post(), state);
            ByteArrayOutputStream zip = new ByteArrayOutputStream();
            StateArchive.write(state, found.info(), zip);
            if (zip.size() > MAX_STATE_BYTES) {
                return Answer.text(413, "the post-install state of " + version + " is larger than " + MAX_STATE_BYTES
                        + " bytes: bring it with patchbay-agent report --with-backup " + version);
            }
            return Answer.zip(zip.toByteArray());
        } finally {
            FileTrees.delete(scratch);
        }
    }
}
