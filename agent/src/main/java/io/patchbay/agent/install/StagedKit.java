package io.patchbay.agent.install;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.TransientFailure;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.kit.DeltaApplier;
import io.patchbay.model.kit.KitExtractor;
import io.patchbay.model.kit.NeedsFullKitException;
import io.patchbay.model.release.Version;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Collection;

/**
 * A patch's extracted kit as the installer uses it (a delta kit's is applied to the installed release, not
 * extracted, anew for every install: see {@link #ready}). The extraction is a working copy
 * of the kit file kept beside it: apply moves its files into place rather than copying them (no second write of every byte),
 * which consumes it. A consumed staging folder is marked before the first file moves; {@link #ready}
 * extracts it again from the kit file, verifying signature and checksums anew, before the next install of
 * that patch (a reinstall, or a rollback to it).
 */
public final class StagedKit {
    static final String CONSUMED_MARKER = ".consumed";
    /** The crash tests' pause point inside {@link #ready}, e.g. {@code delta:file:3} or {@code delta:applied}. */
    public static final String PAUSE_AT = "patchbay.stage.pauseAt";

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
     * Makes {@code staging} the release's staging folder for an install now. This is the one place that chooses how:
     * a full kit is extracted again from {@code kit} (verifying signature and checksums anew) when an install consumed
     * its folder or it is missing, and left as it is otherwise; a delta kit is applied to the installed release
     * ({@link DeltaApplier}) every time, since what it stages fits only that release: with
     * {@link DeltaApplier.Unchanged#VERIFIED_IN_PLACE} only the files the release changes, the others checked where
     * they are installed, which the install then leaves as they are. Refuses (a {@link PatchbayException}) when the
     * kit file no longer verifies, and with a {@link DeltaRefused} when a delta does not fit {@code installed} or is
     * hostile; a failure of this machine stays an {@link io.patchbay.model.io.IoFailure}. A folder a killed process
     * left half made is deleted first ({@link #clearLeftovers}).
     */
    public static void ready(Path staging, Path kit, Collection<PublicKey> trusted, InstalledRelease installed,
                             DeltaApplier.Unchanged unchanged) throws IOException {
        boolean delta = DeltaApplier.isDeltaKit(kit);
        if (!delta && whole(staging)) {
            return;
        }
        clearLeftovers(staging);
        Path fresh = fresh(staging);
        if (delta) {
            StepProbe probe = StepProbe.fromSystemProperty(PAUSE_AT, staging.resolveSibling(StepProbe.PAUSED_FILE));
            try {
                DeltaApplier.apply(kit, trusted, installed.installRoot(), installed.version(), fresh, unchanged,
                        (done, total) -> probe.reached("delta:file:" + done));
            } catch (TransientFailure e) {
                throw e;
            } catch (PatchbayException e) {
                throw new DeltaRefused(e);
            }
            probe.reached("delta:applied");
        } else {
            KitExtractor.extract(kit, trusted, fresh);
        }
        // Not one atomic step, but each state in between is handled by the next call: a missing or
        // consumed staging folder is made again, and a left-over fresh copy is deleted first.
        FileOps.deleteTree(staging);
        AtomicFiles.moveAtomically(fresh, staging);
    }

    /**
     * Deletes what a process killed while making {@code staging} left beside it: the fresh copy, and the folder the
     * extraction or delta was working in. Neither is ever installed from; the next {@link #ready} makes them anew.
     */
    public static void clearLeftovers(Path staging) throws IOException {
        Path fresh = fresh(staging);
        FileOps.deleteTree(fresh);
        Path parent = staging.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            return;
        }
        String working = KitExtractor.workingPrefix(fresh);
        try (var children = Files.list(parent)) {
            for (Path p : children.filter(p -> p.getFileName().toString().startsWith(working)).toList()) {
                FileOps.deleteTree(p);
            }
        }
    }

    private static Path fresh(Path staging) {
        return staging.resolveSibling(staging.getFileName() + ".fresh");
    }

    /**
     * The release a site runs, which a delta kit's files are made from.
     *
     * @param installRoot where its payload is installed
     * @param version     its version as the agent knows it; null when none is installed
     */
    public record InstalledRelease(Path installRoot, Version version) {
    }

    /**
     * A delta kit refused when its staging folder was to be made: it does not fit the installed release ("needs the
     * full kit: FILE: why", {@link NeedsFullKitException}) or is hostile. Final for this delta, as a refusal on
     * receipt is final for a kit; nothing on the site changed.
     */
    public static final class DeltaRefused extends PatchbayException {
        private static final long serialVersionUID = 1L;

        DeltaRefused(PatchbayException cause) {
            super(cause.getMessage(), cause);
        }

        /** True when the full kit of the same release would do (the delta is sound but does not fit this site). */
        public boolean needsFullKit() {
            return getCause() instanceof NeedsFullKitException;
        }
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
