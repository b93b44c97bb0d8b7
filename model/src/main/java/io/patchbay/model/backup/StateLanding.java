package io.patchbay.model.backup;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.io.FileTrees;
import io.patchbay.model.kit.ChecksumList;
import io.patchbay.model.kit.KitReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.util.Collection;

/**
 * Brings a post-install state into the folder a person asked for, whole or not at all: the state is assembled in a
 * scratch folder beside the target (same file system), checked against the release kit's signed checksum list, and
 * renamed into place in one step. The target must not exist, so nothing a person had there is replaced.
 */
public final class StateLanding implements AutoCloseable {
    private final Path target;
    private final Path scratch;

    private StateLanding(Path target, Path scratch) {
        this.target = target;
        this.scratch = scratch;
    }

    /** A landing for {@code target}; refused when it exists. */
    public static StateLanding at(Path target) throws IOException {
        Path out = target.toAbsolutePath().normalize();
        if (Files.exists(out)) {
            throw new PatchbayException(out + " already exists: give a folder that does not exist yet");
        }
        Path parent = Files.createDirectories(out.getParent());
        return new StateLanding(out, Files.createTempDirectory(parent, "." + out.getFileName() + "."));
    }

    /** A scratch path for the steps before the state (a download, an archive); deleted on close. */
    public Path scratch(String name) {
        return scratch.resolve(name);
    }

    /** Where the state is to be assembled: {@code install/<path>}, {@code data/<path>}. */
    public Path state() {
        return scratch.resolve("state");
    }

    /**
     * Checks the assembled state against the signed checksum list of {@code kit} (verified against {@code trusted}
     * first), then renames it to the target.
     */
    public StateDifferences checkAndPublish(Path kit, Collection<PublicKey> trusted) throws IOException {
        ChecksumList signed = KitReader.verify(kit, trusted).checksums();
        Files.createDirectories(state());
        StateDifferences d = InstalledStateCheck.compare(state(), signed);
        Files.move(state(), target, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.forceDirectory(target.getParent());
        return d;
    }

    public Path target() {
        return target;
    }

    @Override
    public void close() throws IOException {
        FileTrees.delete(scratch);
    }
}
