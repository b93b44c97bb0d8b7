package io.patchbay.agent.receive;

import io.patchbay.model.trust.RotationStatements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Watches the inbox and hands every kit that appears to a consumer. A WatchService reports new names at once;
 * a full scan every {@code scanEvery} is the safety net (events can overflow, and some file systems never send
 * them). Dot-files and folders are ignored: {@code .partial/} holds uploads still running, and the SFTP probe
 * writes {@code .patchbay-probe-*}. Kits arrive whole because writers rename them in.
 */
public final class InboxWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InboxWatcher.class);

    private final Path inbox;
    private final Duration scanEvery;
    private final Consumer<Path> onKit;
    private final Runnable onPartial;
    private final WatchService watch;
    private final WatchKey partialKey;
    private final Thread thread;
    private volatile boolean running = true;

    private InboxWatcher(Path inbox, Duration scanEvery, Consumer<Path> onKit, Runnable onPartial) throws IOException {
        this.inbox = inbox;
        this.scanEvery = scanEvery;
        this.onKit = onKit;
        this.onPartial = onPartial;
        this.watch = inbox.getFileSystem().newWatchService();
        inbox.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        // Only creations: an upload writing its partial file must not wake the agent on every chunk.
        this.partialKey = Files.createDirectories(inbox.resolve(".partial"))
                .register(watch, StandardWatchEventKinds.ENTRY_CREATE);
        this.thread = new Thread(this::loop, "inbox-watcher");
        thread.setDaemon(true);
    }

    /** Starts watching; an initial scan hands over what arrived while the agent was down. */
    public static InboxWatcher start(Path inbox, Duration scanEvery, Consumer<Path> onKit) throws IOException {
        return start(inbox, scanEvery, onKit, () -> { });
    }

    /** As {@link #start(Path, Duration, Consumer)}; {@code onPartial} runs when a file appears in {@code .partial/}. */
    public static InboxWatcher start(Path inbox, Duration scanEvery, Consumer<Path> onKit, Runnable onPartial)
            throws IOException {
        Files.createDirectories(inbox);
        InboxWatcher w = new InboxWatcher(inbox, scanEvery, onKit, onPartial);
        w.thread.start();
        return w;
    }

    /**
     * The kit files now in {@code inbox}: rotation statements first (in sequence order, as their names sort), then the
     * rest by name. A kit signed by a new key that arrived while the agent was down must find the statement that
     * makes the key trusted already accepted, not be refused for good before it ("Spruce-..." sorts before "key-...").
     */
    public static List<Path> scan(Path inbox) {
        if (!Files.isDirectory(inbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(inbox)) {
            return files.filter(InboxWatcher::isKitCandidate)
                    .sorted(Comparator.comparing((Path p) -> !RotationStatements.isStatementFileName(p.getFileName().toString()))
                            .thenComparing(Comparator.naturalOrder()))
                    .toList();
        } catch (IOException e) {
            LOG.warn("cannot list the inbox {}: {}", inbox, e.getMessage());
            return List.of();
        }
    }

    static boolean isKitCandidate(Path p) {
        return !p.getFileName().toString().startsWith(".") && Files.isRegularFile(p);
    }

    private void loop() {
        long nextScan = 0;
        while (running) {
            try {
                if (System.nanoTime() - nextScan >= 0) {
                    scan(inbox).forEach(onKit);
                    nextScan = System.nanoTime() + scanEvery.toNanos();
                }
                var key = watch.poll(Math.min(scanEvery.toMillis(), 1000), TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                    if (key == partialKey) {
                        onPartial.run(); // a kit started arriving
                    } else {
                        nextScan = 0; // something changed: scan now (covers overflow too)
                    }
                }
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("inbox watcher: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            watch.close();
        } catch (IOException ignored) {
            // closing only stops the events
        }
        thread.interrupt();
    }
}
