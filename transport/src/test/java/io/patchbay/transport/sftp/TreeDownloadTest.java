package io.patchbay.transport.sftp;

import io.patchbay.model.PatchbayException;
import io.patchbay.transport.Cancellation;
import io.patchbay.transport.fixtures.SshdPerClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SftpPusher#download}, the read half of {@code site fetch-backup}, from a real OpenSSH sshd on loopback. */
class TreeDownloadTest {
    @RegisterExtension
    static final SshdPerClass SSHD = new SshdPerClass();

    @TempDir
    Path tmp;

    private SftpEndpoint site() throws IOException {
        return SftpEndpoint.parse(SSHD.server().url(tmp.resolve("home")));
    }

    private SftpSettings settings() {
        return SftpSettings.of(SSHD.server().userKey(), SSHD.server().knownHosts());
    }

    private Path backup(SftpEndpoint site) throws IOException {
        Path post = Files.createDirectories(Path.of(site.postInstallBackup(7)));
        Files.createDirectories(post.resolve("install/bin"));
        Files.writeString(post.resolve("install/bin/app.sh"), "echo 2\n");
        Files.write(post.resolve("install/big.bin"), new byte[300_000]);
        Files.writeString(post.resolve("from-kit.sha256"), "ab  install/lib/a.jar\n");
        Files.createDirectories(post.resolve("kit"));
        Files.writeString(post.resolve("kit/Spruce-2.kit"), "the site's copy of the kit");
        return post;
    }

    @Test
    void theBackupFolderIsCopiedFileForFileLeavingOutTheSkippedChild() throws IOException {
        SftpEndpoint site = site();
        backup(site);
        Path local = tmp.resolve("local");

        TreeCopy copy = SSHD.pusher().download(site, settings(), site.postInstallBackup(7), local, Set.of("kit"),
                new Cancellation());

        assertEquals(3, copy.files());
        assertEquals("echo 2\n".length() + 300_000 + "ab  install/lib/a.jar\n".length(), copy.bytes());
        assertEquals("echo 2\n", Files.readString(local.resolve("install/bin/app.sh")));
        assertEquals(300_000, Files.size(local.resolve("install/big.bin")));
        assertEquals("ab  install/lib/a.jar\n", Files.readString(local.resolve("from-kit.sha256")));
        assertFalse(Files.exists(local.resolve("kit")), "the skipped folder stays on the site");
    }

    @Test
    void aLinkInTheBackupIsRefusedNamingIt() throws IOException {
        SftpEndpoint site = site();
        Path post = backup(site);
        Files.createSymbolicLink(post.resolve("install/passwd"), Path.of("/etc/passwd"));

        PatchbayException e = assertThrows(PatchbayException.class, () -> SSHD.pusher().download(site, settings(),
                site.postInstallBackup(7), tmp.resolve("local"), Set.of("kit"), new Cancellation()));

        assertEquals("refused to copy " + site.postInstallBackup(7) + "/install/passwd: neither a file nor a folder",
                e.getMessage());
    }

    @Test
    void aBackupTheSiteNoLongerKeepsIsNamed() throws IOException {
        SftpEndpoint site = site();
        Files.createDirectories(Path.of(site.path()));

        PatchbayException e = assertThrows(PatchbayException.class, () -> SSHD.pusher().download(site, settings(),
                site.postInstallBackup(3), tmp.resolve("local"), Set.of(), new Cancellation()));

        assertTrue(e.getMessage().startsWith("no folder " + site.postInstallBackup(3) + " on "), e.getMessage());
    }
}
