package io.patchbay.agent.notify;

import io.patchbay.model.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Makes a pending notice one process's to send. The daemon and an operator's command share the agent home and
 * both flush its outbox; whoever renames {@code pending/<notice>} to {@code sending/<notice>.<pid>} first sends
 * it, the other finds it gone. A claim of a process that died (or one older than {@link #STALE}, in case its pid
 * was reused) goes back to {@code pending/}, so a crash delays a notice but never loses it.
 */
final class NoticeClaim {
    static final Duration STALE = Duration.ofHours(1);

    private final Path pending;
    private final Path sending;
    private final Clock clock;

    NoticeClaim(Path pending, Path sending, Clock clock) {
        this.pending = pending;
        this.sending = sending;
        this.clock = clock;
    }

    /** The claimed file, or empty when another process claimed (or sent) it first. */
    Optional<Path> take(Path notice) throws IOException {
        Files.createDirectories(sending);
        Path claimed = sending.resolve(notice.getFileName() + "." + ProcessHandle.current().pid());
        try {
            AtomicFiles.moveAtomically(notice, claimed);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (!Files.exists(notice)) {
                return Optional.empty(); // the rename lost the race: some systems say so differently
            }
            throw e;
        }
        Files.setLastModifiedTime(claimed, FileTime.from(clock.instant())); // when claimed, for STALE
        return Optional.of(claimed);
    }

    /** Gives a claim back (the mail server did not take it): the next flush, in any process, tries again. */
    void release(Path claimed) throws IOException {
        AtomicFiles.moveAtomically(claimed, pending.resolve(noticeName(claimed)));
    }

    /** Sent: the claim ends. */
    void done(Path claimed) throws IOException {
        Files.deleteIfExists(claimed);
    }

    /** Puts back the claims of processes that are gone. */
    void reclaimAbandoned() throws IOException {
        if (!Files.isDirectory(sending)) {
            return;
        }
        List<Path> claims;
        try (Stream<Path> files = Files.list(sending)) {
            claims = files.toList();
        }
        for (Path claimed : claims) {
            if (abandoned(claimed)) {
                try {
                    release(claimed);
                } catch (NoSuchFileException e) {
                    // its owner finished it meanwhile
                }
            }
        }
    }

    private boolean abandoned(Path claimed) throws IOException {
        String name = claimed.getFileName().toString();
        long pid;
        try {
            pid = Long.parseLong(name.substring(name.lastIndexOf('.') + 1));
        } catch (NumberFormatException e) {
            return true; // not a claim this class wrote: back to pending, where it is read as a notice
        }
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        try {
            return !alive || Files.getLastModifiedTime(claimed).toInstant().plus(STALE).isBefore(clock.instant());
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static String noticeName(Path claimed) {
        String name = claimed.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && name.substring(dot + 1).chars().allMatch(Character::isDigit) ? name.substring(0, dot) : name;
    }
}
