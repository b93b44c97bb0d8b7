package io.patchbay.agent.install;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.json.Json;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The site's installation lock: an OS file lock in the agent home, so two processes (the daemon and an
 * operator's command, or two one-shot installers) never install at once. The OS releases it when its
 * holder dies, so a killed installer never leaves a stale lock. Beside it, a small file names the holder.
 */
public final class InstallLock implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);

    /** Who holds the lock. */
    public record Holder(long pid, String command, Instant since) {
        String describe() {
            return "pid " + pid + " (" + command + ") since " + since;
        }
    }

    private final FileChannel channel;
    private final FileLock lock;
    private final Path holderFile;

    private InstallLock(FileChannel channel, FileLock lock, Path holderFile) {
        this.channel = channel;
        this.lock = lock;
        this.holderFile = holderFile;
    }

    /**
     * Takes the lock, waiting up to {@code wait} for a running installation to end.
     *
     * @param command what this process is doing, shown to whoever is refused ("install Spruce 12.10.11")
     * @throws PatchbayException naming the holder when the lock stays taken
     */
    public static InstallLock acquire(Path agentHome, Duration wait, String command) {
        AgentHomeLayout layout = new AgentHomeLayout(agentHome);
        Instant deadline = Instant.now().plus(wait);
        try {
            Files.createDirectories(layout.installDir());
            while (true) {
                FileChannel channel = FileChannel.open(layout.lockFile(), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                FileLock lock = null;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // held by this same JVM
                }
                if (lock != null) {
                    Holder me = new Holder(ProcessHandle.current().pid(), command, Instant.now());
                    AtomicFiles.write(layout.lockHolder(), Json.mapper().writeValueAsBytes(me));
                    return new InstallLock(channel, lock, layout.lockHolder());
                }
                channel.close();
                if (!Instant.now().isBefore(deadline)) {
                    throw new PatchbayException("another installation is running on this site: "
                            + holder(agentHome).map(Holder::describe).orElse("holder unknown")
                            + "; waited " + wait.toSeconds() + " s");
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (IOException e) {
            throw new PatchbayException("cannot take the installation lock " + layout.lockFile() + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PatchbayException("interrupted while waiting for the installation lock", e);
        }
    }

    /** Who holds (or last held) the lock, as its holder recorded it. */
    public static Optional<Holder> holder(Path agentHome) {
        Path file = new AgentHomeLayout(agentHome).lockHolder();
        try {
            return Files.exists(file) ? Optional.of(Json.mapper().readValue(file.toFile(), Holder.class))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // being rewritten by a new holder this instant
        }
    }

    @Override
    public void close() {
        try {
            // Removed before the release: once released, the file may already name the next holder.
            Files.deleteIfExists(holderFile);
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases the lock too
        } finally {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the OS releases the lock when the process ends
            }
        }
    }
}
