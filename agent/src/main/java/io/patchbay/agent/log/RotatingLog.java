package io.patchbay.agent.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lines appended to {@code <dir>/<name>}, which never grows past {@code maxBytes}: before a line would push it
 * over, it becomes {@code <name>.1} (the older ones move up to {@code <name>.<keep - 1>}; the oldest is deleted),
 * so the folder holds at most {@code keep} files of at most {@code maxBytes} each. The daemon and an operator's
 * one-shot command may write at once: each append and rotation holds a file lock on {@code .<name>.lock} (and a
 * monitor within one JVM, where a second file lock on the same file would be refused).
 */
public final class RotatingLog {
    private static final ConcurrentHashMap<Path, Object> MONITORS = new ConcurrentHashMap<>();

    private final Path dir;
    private final Path file;
    private final Path lock;
    private final long maxBytes;
    private final int keep;

    public RotatingLog(Path dir, String name, long maxBytes, int keep) {
        if (maxBytes < 1024 || keep < 1) {
            throw new IllegalArgumentException("a log file of at least 1 KiB, at least one kept: " + maxBytes + ", " + keep);
        }
        this.dir = dir.toAbsolutePath().normalize();
        this.file = this.dir.resolve(name);
        this.lock = this.dir.resolve("." + name + ".lock");
        this.maxBytes = maxBytes;
        this.keep = keep;
    }

    public Path file() {
        return file;
    }

    /** Appends one line (a line feed is added); a line longer than a whole file is cut to fit. */
    public void append(String line) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxBytes) {
            // 8 bytes spare: a character cut in half decodes as one 3-byte U+FFFD, then "…" (3) and the line feed.
            bytes = (new String(bytes, 0, (int) maxBytes - 8, StandardCharsets.UTF_8) + "…\n").getBytes(StandardCharsets.UTF_8);
        }
        synchronized (MONITORS.computeIfAbsent(file, f -> new Object())) {
            Files.createDirectories(dir);
            try (FileChannel guard = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = guard.lock()) {
                if (Files.exists(file) && Files.size(file) + bytes.length > maxBytes) {
                    rotate();
                }
                try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                }
            }
        }
    }

    private void rotate() throws IOException {
        Files.deleteIfExists(numbered(keep - 1));
        for (int i = keep - 2; i >= 1; i--) {
            if (Files.exists(numbered(i))) {
                Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (keep > 1) {
            Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.delete(file);
        }
    }

    private Path numbered(int n) {
        return dir.resolve(file.getFileName() + "." + n);
    }
}
