package io.patchbay.agent.upgrade;

import io.patchbay.agent.install.FileOps;
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
 */
final class DistributionSwap {
    static final String NEXT = ".upgrade-next";
    static final String PREVIOUS = ".upgrade-previous";
    static final String FAILED = ".upgrade-failed";

    private final Path dist;

    DistributionSwap(AgentDistribution dist) {
        this.dist = dist.dir();
    }

    /** Copies the new distribution beside the old one and checks it is whole; the running agent is untouched. */
    void prepare(Path payload) throws IOException {
        Path next = dist.resolve(NEXT);
        FileOps.deleteTree(next);
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
        move(dist, dist.resolve(PREVIOUS), true);
        move(dist.resolve(NEXT), dist, false);
    }

    /** Puts the backup back; the failed build is kept aside for a person to look at. */
    void restore() throws IOException {
        move(dist, dist.resolve(FAILED), true);
        move(dist.resolve(PREVIOUS), dist, false);
    }

    /** Moves each distribution entry from {@code from} to {@code to}; {@code fresh}: empty {@code to} first. */
    private static void move(Path from, Path to, boolean fresh) throws IOException {
        if (fresh) {
            FileOps.deleteTree(to);
        }
        Files.createDirectories(to);
        for (String entry : AgentDistribution.ENTRIES) {
            Path source = from.resolve(entry);
            if (Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(source, to.resolve(entry));
            }
        }
        AtomicFiles.forceDirectory(from);
        AtomicFiles.forceDirectory(to);
    }
}
