package io.patchbay.model.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs a short read-modify-write of a file while holding an OS lock on a lock file beside it, so a daemon and an
 * operator's command in another process never lose each other's change. An OS file lock is held per process, so a
 * JVM-wide lock per lock file keeps the threads of one process apart as well.
 */
public final class FileLocks {
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    /** Work done under the lock. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws IOException;
    }

    private FileLocks() {
    }

    /** Runs {@code work} holding {@code lockFile} (made if missing, as its folder's owner); waits for another holder. */
    public static <T> T holding(Path lockFile, Work<T> work) throws IOException {
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock jvm = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
        jvm.lock();
        try {
            AtomicFiles.createIfMissing(key);
            try (FileChannel channel = FileChannel.open(key, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                return work.run();
            }
        } finally {
            jvm.unlock();
        }
    }
}
