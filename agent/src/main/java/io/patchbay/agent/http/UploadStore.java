package io.patchbay.agent.http;

import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The agent's half-received uploads, in {@code <inbox>/.partial/}: {@code <id>.part} holds the bytes,
 * {@code <id>.json} the {@link UploadRecord}. A finished upload is renamed atomically into
 * {@code <inbox>/<fileName>}, so the inbox never shows half a kit. Callers serialise access to one id.
 */
public final class UploadStore {
    private static final Logger LOG = LoggerFactory.getLogger(UploadStore.class);
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    private static final int BUFFER = 256 * 1024;
    /**
     * Records older than this are dropped at start-up: a finished one only guards against a resend of
     * the same upload, an unfinished one was abandoned (its sender starts a new upload on 404).
     */
    public static final java.time.Duration EXPIRY = java.time.Duration.ofDays(30);

    /** How an append ended. */
    public enum AppendOutcome { ACCEPTED, CHECKSUM_MISMATCH, TOO_LONG }

    /** The result of {@link #append}: the outcome and the record as it now stands. */
    public record AppendResult(AppendOutcome outcome, UploadRecord record) {
    }

    /** An upload not yet complete and when its bytes last changed. */
    public record Unfinished(UploadRecord record, java.time.Instant lastWrite) {
    }

    /**
     * Writing received bytes to this machine's disk failed (disk full, permission): the site's trouble, not the
     * sender's, unlike a body that broke off.
     */
    public static final class WriteFailed extends IOException {
        private static final long serialVersionUID = 1L;

        WriteFailed(IOException cause) {
            super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
        }

        /** True when the file system ran out of space (the JDK reports ENOSPC only in the message). */
        public boolean diskFull() {
            return getMessage().contains("No space left on device");
        }
    }

    private final Path inbox;
    private final Path partial;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public UploadStore(Path inbox, Clock clock) throws IOException {
        this.inbox = inbox;
        this.partial = inbox.resolve(".partial");
        this.clock = clock;
        Files.createDirectories(partial);
    }

    public Path inbox() {
        return inbox;
    }

    Path partial() {
        return partial;
    }

    /** Every upload not yet complete, with the time its bytes last changed. */
    public List<Unfinished> unfinished() throws IOException {
        List<Unfinished> out = new ArrayList<>();
        for (String id : ids()) {
            try {
                Optional<UploadRecord> found = find(id);
                if (found.isPresent() && !found.get().complete()) {
                    out.add(new Unfinished(found.get(), Files.getLastModifiedTime(part(id)).toInstant()));
                }
            } catch (NoSuchFileException gone) {
                // finished or deleted meanwhile
            }
        }
        return out;
    }

    private List<String> ids() throws IOException {
        try (Stream<Path> files = Files.list(partial)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).filter(UploadStore::isId).sorted().toList();
        }
    }

    public static boolean isId(String id) {
        return ID.matcher(id).matches();
    }

    public UploadRecord create(String fileName, long length) throws IOException {
        String id = HexFormat.of().formatHex(randomBytes());
        Files.deleteIfExists(part(id));
        Files.createFile(part(id));
        UploadRecord record = new UploadRecord(id, KitFileNames.check(fileName), length, 0, false, clock.instant());
        save(record);
        return record;
    }

    public Optional<UploadRecord> find(String id) throws IOException {
        if (!isId(id)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readValue(Files.readAllBytes(sidecar(id)), UploadRecord.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Writes {@code body} at the record's offset, at most {@code length - offset} bytes. With a {@code
     * digest} (reset by the caller) and {@code expected} checksum, bytes that do not match are dropped.
     * When the body breaks off (a dropped connection), what arrived is kept only when there was no
     * checksum to prove it, as tus asks; the exception is then rethrown.
     */
    public AppendResult append(UploadRecord record, InputStream body, MessageDigest digest, byte[] expected)
            throws IOException {
        long start = record.offset();
        long remaining = record.length() - start;
        long written = 0;
        boolean tooLong = false;
        try (FileChannel channel = FileChannel.open(part(record.id()), StandardOpenOption.WRITE)) {
            channel.truncate(start); // bytes past the recorded offset were never confirmed
            byte[] buffer = new byte[BUFFER];
            try {
                int n;
                while ((n = body.read(buffer)) >= 0) {
                    int keep = (int) Math.min(n, remaining - written);
                    if (keep < n) {
                        tooLong = true;
                        break;
                    }
                    if (digest != null) {
                        digest.update(buffer, 0, n);
                    }
                    write(channel, ByteBuffer.wrap(buffer, 0, n), start + written);
                    written += n;
                }
            } catch (WriteFailed failed) {
                channel.truncate(start); // what the disk refused was never confirmed; the client resends from start
                throw failed;
            } catch (IOException broken) {
                if (digest != null) {
                    channel.truncate(start);
                } else if (written > 0) {
                    channel.force(false);
                    save(record.withOffset(start + written));
                }
                throw broken;
            }
            if (tooLong) {
                channel.truncate(start);
                return new AppendResult(AppendOutcome.TOO_LONG, record);
            }
            if (digest != null && !MessageDigest.isEqual(digest.digest(), expected)) {
                channel.truncate(start);
                return new AppendResult(AppendOutcome.CHECKSUM_MISMATCH, record);
            }
            try {
                channel.force(false);
            } catch (IOException e) {
                throw new WriteFailed(e);
            }
        }
        UploadRecord updated = record.withOffset(start + written);
        save(updated);
        return new AppendResult(AppendOutcome.ACCEPTED, updated);
    }

    private static void write(FileChannel channel, ByteBuffer src, long at) throws WriteFailed {
        try {
            while (src.hasRemaining()) {
                channel.write(src, at + src.position());
            }
        } catch (IOException e) {
            throw new WriteFailed(e);
        }
    }

    /**
     * Marks a fully received upload complete and renames its bytes into the inbox. The record is saved
     * first, so a crash between the two steps is finished by {@link #recover()}.
     */
    public Path complete(UploadRecord record) throws IOException {
        UploadRecord done = record.completed();
        save(done);
        return moveIntoInbox(done);
    }

    public void delete(String id) throws IOException {
        Files.deleteIfExists(part(id));
        Files.deleteIfExists(sidecar(id));
    }

    /**
     * Brings every upload back to its recorded state after a restart: drops unconfirmed bytes past the
     * recorded offset, finishes renames a crash interrupted, and drops records older than {@link #EXPIRY}.
     *
     * @return kits that this recovery moved into the inbox
     */
    public List<Path> recover() throws IOException {
        List<Path> landed = new ArrayList<>();
        List<Path> sidecars;
        try (Stream<Path> files = Files.list(partial)) {
            sidecars = files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        for (Path sidecar : sidecars) {
            String id = sidecar.getFileName().toString().replaceFirst("\\.json$", "");
            Optional<UploadRecord> found;
            try {
                found = find(id);
            } catch (IOException e) {
                LOG.warn("unreadable upload record {}: {}", sidecar, e.getMessage());
                continue;
            }
            if (found.isEmpty()) {
                continue;
            }
            UploadRecord record = found.get();
            Path part = part(id);
            if (record.created().isBefore(clock.instant().minus(EXPIRY)) && !(record.complete() && Files.exists(part))) {
                LOG.info("dropping expired upload {} of {} ({} of {} bytes)", id, record.fileName(), record.offset(), record.length());
                delete(id);
            } else if (record.complete()) {
                if (Files.exists(part)) {
                    landed.add(moveIntoInbox(record));
                }
            } else if (!Files.exists(part)) {
                save(record.withOffset(0));
                Files.createFile(part);
            } else {
                long size = Files.size(part);
                if (size > record.offset()) {
                    try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
                        channel.truncate(record.offset());
                        channel.force(false);
                    }
                } else if (size < record.offset()) {
                    LOG.warn("upload {} holds {} bytes, its record said {}; resuming from the bytes held", id, size, record.offset());
                    save(record.withOffset(size));
                }
            }
        }
        return landed;
    }

    private Path moveIntoInbox(UploadRecord done) throws IOException {
        Path target = inbox.resolve(KitFileNames.check(done.fileName()));
        AtomicFiles.moveAtomically(part(done.id()), target);
        AtomicFiles.forceDirectory(inbox);
        LOG.info("received {} ({} bytes) into {}", done.fileName(), done.length(), inbox);
        return target;
    }

    private void save(UploadRecord record) throws IOException {
        AtomicFiles.write(sidecar(record.id()), Json.mapper().writeValueAsBytes(record));
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }

    private Path part(String id) {
        return partial.resolve(id + ".part");
    }

    private Path sidecar(String id) {
        return partial.resolve(id + ".json");
    }
}
