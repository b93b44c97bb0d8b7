package io.patchbay.agent.notify;

import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Notices wait in the agent home until the mail server has taken them: a site whose mail server is down
 * for the night still tells its administrator in the morning. Each notice is one JSON file, written
 * atomically before the first attempt and deleted only after the server accepted it. Several processes may flush
 * one outbox (the daemon, an operator's {@code agent install}): each notice is claimed ({@link NoticeClaim})
 * before it is sent, so it goes out once.
 */
public final class NoticeOutbox {
    private static final Logger LOG = LoggerFactory.getLogger(NoticeOutbox.class);
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final Path pending;
    private final Mailer mailer;
    private final NoticeClaim claims;
    private volatile String lastError;

    public NoticeOutbox(Path dir, Mailer mailer) {
        this.pending = dir.resolve("pending");
        this.mailer = mailer;
        this.claims = new NoticeClaim(pending, dir.resolve("sending"), Clock.systemUTC());
    }

    /** What one flush achieved. */
    public record FlushResult(int sent, int stillPending, String lastError) {
    }

    /** Stores the notice, then tries to send everything pending. */
    public FlushResult post(Notice notice) throws IOException {
        String name = String.format("%020d-%06d-%s.json", notice.at().toEpochMilli(),
                SEQUENCE.incrementAndGet() % 1_000_000, notice.kind().name().toLowerCase(java.util.Locale.ROOT));
        AtomicFiles.write(pending.resolve(name), Json.mapper().writeValueAsBytes(notice));
        return flush();
    }

    /** Sends pending notices oldest first; stops at the first failure so order is kept. */
    public synchronized FlushResult flush() throws IOException {
        claims.reclaimAbandoned();
        List<Path> files = pendingFiles();
        int sent = 0;
        for (Path file : files) {
            Optional<Path> claimed = claims.take(file);
            if (claimed.isEmpty()) {
                continue; // another process is sending it
            }
            Notice notice = Json.mapper().readValue(claimed.get().toFile(), Notice.class);
            try {
                mailer.send(notice);
            } catch (IOException e) {
                claims.release(claimed.get());
                lastError = e.getMessage();
                LOG.warn("notice '{}' not sent yet, will retry: {}", notice.subject(), e.getMessage());
                return new FlushResult(sent, pendingCount(), lastError);
            }
            claims.done(claimed.get());
            sent++;
        }
        lastError = null;
        return new FlushResult(sent, 0, null);
    }

    public int pendingCount() throws IOException {
        return pendingFiles().size();
    }

    public String lastError() {
        return lastError;
    }

    private List<Path> pendingFiles() throws IOException {
        if (!Files.isDirectory(pending)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(pending)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }
}
