package io.patchbay.agent.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Decides at creation (from Upload-Length, before a byte is stored) whether the site can take one more upload.
 * Too large for the agent's size limit is final (413: no retry helps). Too many uploads at once, a full inbox or
 * too little free space are the site's state of the moment: 429 and 507, which the workstation's tus client
 * counts as retryable, so the delivery waits and tries again instead of being marked rejected.
 */
final class UploadAdmission {
    static final int TOO_MANY = 429;
    static final int INSUFFICIENT_STORAGE = 507;

    private final UploadStore store;
    private final long maxUploadBytes;
    private final InboxLimits limits;
    private final Clock clock;

    UploadAdmission(UploadStore store, long maxUploadBytes, InboxLimits limits, Clock clock) {
        this.store = store;
        this.maxUploadBytes = maxUploadBytes;
        this.limits = limits;
        this.clock = clock;
    }

    /** Empty when an upload of {@code length} bytes may start now, else the refusal naming the limit. */
    Optional<Answer> refusal(long length) throws IOException {
        if (length > maxUploadBytes) {
            return Optional.of(Answer.text(413, "upload of " + length + " bytes exceeds this agent's limit of "
                    + maxUploadBytes));
        }
        List<UploadStore.Unfinished> unfinished = store.unfinished();
        long active = unfinished.stream().filter(u -> isActive(u)).count();
        if (active >= limits.maxUploads()) {
            return Optional.of(Answer.text(TOO_MANY, "too many uploads in progress: " + active + " (limit "
                    + limits.maxUploads() + " at once); try again later").with("Retry-After", "60"));
        }
        long announced = unfinished.stream().mapToLong(u -> isActive(u) ? u.record().length() : u.record().offset()).sum();
        long waiting = waitingKitBytes() + announced;
        if (waiting + length > limits.maxInboxBytes()) {
            return Optional.of(Answer.text(INSUFFICIENT_STORAGE, "inbox full: " + waiting + " bytes waiting, "
                    + length + " more would pass the inbox limit of " + limits.maxInboxBytes() + " bytes"));
        }
        long stillToCome = unfinished.stream().filter(this::isActive)
                .mapToLong(u -> u.record().length() - u.record().offset()).sum();
        long free = Files.getFileStore(store.partial()).getUsableSpace();
        if (length + stillToCome + limits.reserveBytes() > free) {
            return Optional.of(Answer.text(INSUFFICIENT_STORAGE, "site disk full: the kit needs " + length
                    + " bytes, " + free + " are free on the inbox's file system (" + stillToCome
                    + " promised to uploads in progress, " + limits.reserveBytes() + " kept for installs)"));
        }
        return Optional.empty();
    }

    private boolean isActive(UploadStore.Unfinished upload) {
        return upload.lastWrite().isAfter(clock.instant().minus(InboxLimits.ACTIVE));
    }

    // Kits that finished arriving and wait for the agent to take them in (hidden files are partials and temps).
    private long waitingKitBytes() throws IOException {
        try (Stream<Path> files = Files.list(store.inbox())) {
            long sum = 0;
            for (Path p : files.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                try {
                    sum += Files.isRegularFile(p) ? Files.size(p) : 0;
                } catch (NoSuchFileException taken) {
                    // the agent took it in meanwhile
                }
            }
            return sum;
        }
    }
}
