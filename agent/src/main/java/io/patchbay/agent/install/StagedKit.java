package io.patchbay.agent.install;

import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.kit.KitExtractor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Collection;

/**
 * A patch's extracted kit as the installer uses it. The extraction is a working copy of the kit file kept
 * beside it: apply moves its files into place rather than copying them (no second write of every byte),
 * which consumes it. A consumed staging folder is marked before the first file moves; {@link #ready}
 * extracts it again from the kit file, verifying signature and checksums anew, before the next install of
 * that patch (a reinstall, or a rollback to it).
 */
public final class StagedKit {
    static final String CONSUMED_MARKER = ".consumed";

    private StagedKit() {
    }

    /** True when an install has taken (or started taking) files out of {@code staging}. */
    public static boolean consumed(Path staging) {
        return Files.exists(staging.resolve(CONSUMED_MARKER), LinkOption.NOFOLLOW_LINKS);
    }

    /** True when {@code staging} can be installed now or extracted again from {@code kit}. */
    public static boolean intact(Path staging, Path kit) {
        return whole(staging) || Files.isRegularFile(kit);
    }

    /**
     * Makes {@code staging} a whole extraction of {@code kit} again when an install consumed it or it is
     * missing; does nothing otherwise. Refuses (a {@link io.patchbay.model.PatchbayException}) when the kit
     * file no longer verifies.
     */
    public static void ready(Path staging, Path kit, Collection<PublicKey> trusted) throws IOException {
        if (whole(staging)) {
            return;
        }
        Path fresh = staging.resolveSibling(staging.getFileName() + ".fresh");
        FileOps.deleteTree(fresh);
        KitExtractor.extract(kit, trusted, fresh);
        // Not one atomic step, but each state in between is handled by the next call: a missing or
        // consumed staging folder is extracted again, and a left-over fresh copy is deleted first.
        FileOps.deleteTree(staging);
        AtomicFiles.moveAtomically(fresh, staging);
    }

    /** An extraction no install has taken files out of. */
    private static boolean whole(Path staging) {
        return Files.isRegularFile(staging.resolve("kit.ini")) && !consumed(staging);
    }

    /** Marks {@code staging} consumed, durably, before apply moves the first file out of it. */
    static void markConsumed(Path staging) throws IOException {
        if (!consumed(staging)) {
            AtomicFiles.write(staging.resolve(CONSUMED_MARKER), new byte[0]);
        }
    }
}
