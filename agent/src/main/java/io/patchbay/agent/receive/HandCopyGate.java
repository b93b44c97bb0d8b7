package io.patchbay.agent.receive;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.zip.ZipReader;
import io.patchbay.model.pull.PullNotices;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Says when a file in the inbox is whole. Uploads arrive whole (renamed in from {@code .partial/}), but a person
 * copying a kit in by hand (cp, scp, a file manager, a USB stick) writes it in place, so the agent would otherwise
 * read it half-written and refuse it as "not a kit". A file is taken once its size and modification time have
 * not changed for {@code settle} and (for a kit) it ends with a valid ZIP end record and central directory: a
 * half-copied kit lacks both. A file that stays unchanged for {@code givenUp} without becoming a ZIP is let
 * through, to be refused for what it is, rather than waiting in the inbox for ever.
 */
public final class HandCopyGate {
    public static final Duration SETTLE = Duration.ofSeconds(2);
    public static final Duration GIVEN_UP = Duration.ofMinutes(15);

    private record Seen(long size, FileTime modified, long sinceNanos) {
    }

    private final Duration settle;
    private final Duration givenUp;
    private final LongSupplier nanos;
    private final Map<Path, Seen> seen = new HashMap<>();

    public HandCopyGate() {
        this(SETTLE, GIVEN_UP, System::nanoTime);
    }

    HandCopyGate(Duration settle, Duration givenUp, LongSupplier nanos) {
        this.settle = settle;
        this.givenUp = givenUp;
        this.nanos = nanos;
    }

    /** How long after a file's last change it is looked at again. */
    public Duration settle() {
        return settle;
    }

    /**
     * Whether {@code file} may be received now. False for a file still changing, one seen for the first time
     * (a later call, at least {@link #settle()} on, decides), and a kit without a valid end record yet.
     */
    public synchronized boolean complete(Path file) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            seen.remove(file); // gone (taken by another process) or unreadable: the receiver will say which
            return Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        }
        if (!attrs.isRegularFile()) {
            seen.remove(file);
            return true; // not ours to wait for: the receiver refuses or ignores it
        }
        long now = nanos.getAsLong();
        Seen before = seen.get(file);
        Seen current = before != null && before.size() == attrs.size() && before.modified().equals(attrs.lastModifiedTime())
                ? before : new Seen(attrs.size(), attrs.lastModifiedTime(), now);
        seen.put(file, current);
        long unchanged = now - current.sinceNanos();
        if (unchanged < settle.toNanos()) {
            return false;
        }
        if (PullNotices.isNoticeFileName(file.getFileName().toString()) || endsAsZip(file)
                || unchanged >= givenUp.toNanos()) {
            seen.remove(file);
            return true;
        }
        return false;
    }

    /** Whether any file is being waited for (its next look is due {@link #settle()} from now). */
    public synchronized boolean waiting() {
        seen.keySet().removeIf(p -> !Files.exists(p, LinkOption.NOFOLLOW_LINKS));
        return !seen.isEmpty();
    }

    private static boolean endsAsZip(Path file) {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ZipReader.read(in);
            return true;
        } catch (PatchbayException | IOException e) {
            return false;
        }
    }
}
