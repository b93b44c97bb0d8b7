package io.patchbay.agent.upgrade;

import io.patchbay.agent.install.FileOps;
import io.patchbay.agent.install.StepProbe;
import io.patchbay.model.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * Swaps the entries of a distribution folder ({@code bin/}, {@code lib/}) by renames inside that folder, so each
 * move is atomic and on one file system whatever the agent home is. The new distribution is copied to
 * {@code .upgrade-next/} first (while the old agent still runs); what is moved out goes to
 * {@code .upgrade-previous/} (the backup), and a restore moves the failed build to {@code .upgrade-failed/}.
 *
 * <p>Whatever move a kill interrupts, each entry's old copy is in exactly one place: in {@code .upgrade-previous/}
 * once moved out, else still in the distribution. So {@link #restore} puts back, entry by entry, what the backup
 * holds, and can run again after a kill of its own: a half-swapped folder is always brought back whole.
 */
final class DistributionSwap {
    static final String NEXT = ".upgrade-next";
    static final String PREVIOUS = ".upgrade-previous";
    static final String FAILED = ".upgrade-failed";

    private final Path dist;
    private final StepProbe probe;

    DistributionSwap(AgentDistribution dist) {
        this(dist, point -> { });
    }

    /** @param probe told each named step ("swap:out:bin", "swap:in:lib", "restore:back:bin"...), for crash tests */
    DistributionSwap(AgentDistribution dist, StepProbe probe) {
        this.dist = dist.dir();
        this.probe = probe;
    }

    /**
     * Copies the new distribution beside the old one and checks it is whole; the running agent is untouched. The
     * backup and failed build of an earlier upgrade are removed first: the backup must hold this swap's entries only.
     */
    void prepare(Path payload) throws IOException {
        for (String leftover : new String[]{NEXT, PREVIOUS, FAILED}) {
            FileOps.deleteTree(dist.resolve(leftover));
        }
        Path next = dist.resolve(NEXT);
        FileOps.copyTree(payload, next);
        new AgentDistribution(next).requireWhole("the kit's payload");
        // A kit does not carry file modes: the launcher must be executable to start.
        try (Stream<Path> bin = Files.list(next.resolve("bin"))) {
            for (Path f : bin.toList()) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    /** Moves the old entries into the backup and the new ones into place. */
    void swapIn() throws IOException {
        Path previous = Files.createDirectories(dist.resolve(PREVIOUS));
        for (String entry : AgentDistribution.ENTRIES) {
            move(dist.resolve(entry), previous.resolve(entry));
            probe.reached("swap:out:" + entry);
        }
        for (String entry : AgentDistribution.ENTRIES) {
            move(dist.resolve(NEXT).resolve(entry), dist.resolve(entry));
            probe.reached("swap:in:" + entry);
        }
    }

    /**
     * Puts back every entry the backup holds; the new build's copy, where it is in place, is kept aside for a person
     * to look at. Runs again safely after being killed itself.
     */
    void restore() throws IOException {
        Path failed = Files.createDirectories(dist.resolve(FAILED));
        for (String entry : AgentDistribution.ENTRIES) {
            Path old = dist.resolve(PREVIOUS).resolve(entry);
            if (!Files.exists(old, LinkOption.NOFOLLOW_LINKS)) {
                continue; // never moved out, or already back
            }
            Path inPlace = dist.resolve(entry);
            if (Files.exists(inPlace, LinkOption.NOFOLLOW_LINKS)) {
                FileOps.deleteTree(failed.resolve(entry));
                move(inPlace, failed.resolve(entry));
                probe.reached("restore:aside:" + entry);
            }
            move(old, inPlace);
            probe.reached("restore:back:" + entry);
        }
    }

    /** Removes the copy of the new build that was never moved in. */
    void discardNext() throws IOException {
        FileOps.deleteTree(dist.resolve(NEXT));
    }

    /** One rename, made durable in both folders before the next step. */
    private static void move(Path from, Path to) throws IOException {
        if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.move(from, to);
        AtomicFiles.forceDirectory(from.getParent());
        AtomicFiles.forceDirectory(to.getParent());
    }
}
