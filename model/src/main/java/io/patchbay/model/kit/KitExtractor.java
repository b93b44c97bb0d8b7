package io.patchbay.model.kit;

import io.patchbay.model.io.FileTrees;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.Collection;

/**
 * Verifies a kit and unpacks it, in the same pass, into a new staging folder created next to the
 * target; only when every entry has passed is the staging folder renamed to the target. On any
 * failure the staging folder is deleted, so nothing of an untrusted kit is ever left on disk. Entries
 * land under their kit names ({@code payload/...}, {@code hooks/install}, ...); executables get 755. The
 * verified {@code checksums.sha256} is written beside them.
 */
public final class KitExtractor {
    private KitExtractor() {
    }

    /**
     * @param target a folder that must not exist yet; it appears complete or not at all
     */
    public static VerifiedKit extract(Path kit, Collection<PublicKey> trusted, Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.exists(absolute, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new PatchbayException("refusing to extract over the existing " + absolute);
        }
        Path parent = absolute.getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, workingPrefix(absolute));
        try {
            VerifiedKit verified;
            try (KitReader reader = KitReader.open(kit)) {
                verified = KitVerifier.verify(reader, trusted, line -> create(staging, line));
            }
            if (verified.manifest().isDelta()) {
                // Its entries are patches, not the release's files: only DeltaApplier makes a staging folder of it.
                throw new PatchbayException("this is a delta kit against " + verified.manifest().product() + " "
                        + verified.manifest().delta().version() + ": it is applied to the installed files, not extracted");
            }
            // The verified list goes along, so whoever uses the extraction can tell the kit's bytes from others.
            AtomicFiles.write(staging.resolve(KitLayout.CHECKSUMS), verified.checksums().toBytes());
            AtomicFiles.moveAtomically(staging, absolute);
            AtomicFiles.forceDirectory(parent);
            return verified;
        } catch (IOException | RuntimeException | Error e) {
            FileTrees.delete(staging);
            throw e;
        }
    }

    /**
     * The name prefix of the folder beside {@code target} that an extraction (or {@link DeltaApplier}) works in until
     * it is complete: what a process killed meanwhile leaves behind, for its next start to delete.
     */
    public static String workingPrefix(Path target) {
        return "." + target.getFileName() + ".staging-";
    }

    /** A new file for the entry in {@code staging}, with its mode, forced to disk on close; also used by {@link DeltaApplier}. */
    static OutputStream create(Path staging, ChecksumList.Line line) throws IOException {
        Path file = staging.resolve(line.name()).normalize();
        if (!file.startsWith(staging)) {
            throw new PatchbayException("entry " + line.name() + " would land outside the staging folder");
        }
        Files.createDirectories(file.getParent());
        String mode = line.mode() == KitLayout.EXECUTABLE_MODE ? "rwxr-xr-x" : "rw-r--r--";
        java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode))),
                StandardOpenOption.WRITE);
        // Forced to disk on close: once the staging folder is renamed into place, its files are durable.
        return new java.io.FilterOutputStream(java.nio.channels.Channels.newOutputStream(channel)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                try (channel) {
                    out.flush();
                    channel.force(true);
                }
            }
        };
    }
}
