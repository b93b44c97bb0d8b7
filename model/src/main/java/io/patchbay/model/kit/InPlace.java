package io.patchbay.model.kit;

import io.patchbay.model.io.ParallelJobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Installed files checked against the release's checksum list where they lie, for {@link DeltaApplier}: a file the
 * release did not change must be byte for byte the base's, which is the release's. Each file is read once, at most its
 * listed size plus one byte.
 */
final class InPlace {
    private static final int BUFFER = 256 * 1024;
    /** Reading and hashing overlap on two threads; more only queue on the same disk. */
    private static final int THREADS = Math.min(4, Math.max(2, Runtime.getRuntime().availableProcessors()));

    private InPlace() {
    }

    /** Where a checked file's bytes go besides the digest: a staging file, or nowhere. */
    interface Sink {
        OutputStream open() throws IOException;
    }

    /**
     * Checks every line's installed file, on a few threads; runs {@code each} after each file that passed. Throws the
     * first file's refusal ("needs the full kit: FILE: why") or failure, after the others have stopped.
     *
     * @return each file's size and time as checked (the same before and after its bytes were read)
     */
    static List<InPlaceStamps.Stamp> verify(List<ChecksumList.Line> lines, Function<ChecksumList.Line, Path> file,
                                            String baseTitle, Runnable each) throws IOException {
        List<InPlaceStamps.Stamp> stamps = new java.util.concurrent.CopyOnWriteArrayList<>();
        if (lines.isEmpty()) {
            return stamps;
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "delta-verify");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> jobs = new ArrayList<>(lines.size());
            for (ChecksumList.Line line : lines) {
                jobs.add(pool.submit(() -> {
                    stamps.add(checkStamped(file.apply(line), line, baseTitle));
                    each.run();
                    return null;
                }));
            }
            ParallelJobs.awaitAll(jobs, "checking the installed files");
            return stamps;
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@link #check}, and the file's size and time, which must not change while it is read. */
    private static InPlaceStamps.Stamp checkStamped(Path file, ChecksumList.Line line, String baseTitle)
            throws IOException {
        InPlaceStamps.Stamp before;
        try {
            before = InPlaceStamps.Stamp.of(line.name(), InPlaceStamps.stat(file));
        } catch (NoSuchFileException e) {
            throw new NeedsFullKitException(line.name(), "the installed file is missing");
        }
        check(file, line, baseTitle, OutputStream::nullOutputStream);
        if (!before.equals(InPlaceStamps.Stamp.of(line.name(), InPlaceStamps.stat(file)))) {
            throw new NeedsFullKitException(line.name(), "the installed file changed while it was checked");
        }
        return before;
    }

    /** Streams the installed {@code file} into {@code sink}, refused unless it is the line's size and checksum. */
    static void check(Path file, ChecksumList.Line line, String baseTitle, Sink sink) throws IOException {
        String name = line.name();
        boolean matches;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS); OutputStream out = sink.open()) {
            matches = matches(in, out, line);
        } catch (NoSuchFileException e) {
            throw new NeedsFullKitException(name, "the installed file is missing");
        }
        if (!matches) {
            throw new NeedsFullKitException(name, "the installed file is not " + baseTitle + "'s (changed on this site?)");
        }
    }

    /** Copies {@code in} to {@code out}, at most the line's size plus one byte: true when size and checksum match. */
    static boolean matches(InputStream in, OutputStream out, ChecksumList.Line line) throws IOException {
        MessageDigest sha = KitVerifier.sha256();
        byte[] buffer = new byte[(int) Math.min(BUFFER, line.size() + 1)];
        long count = 0;
        int n;
        while (count <= line.size() && (n = in.read(buffer, 0, (int) Math.min(buffer.length, line.size() + 1 - count))) > 0) {
            sha.update(buffer, 0, n);
            out.write(buffer, 0, n);
            count += n;
        }
        return count == line.size() && HexFormat.of().formatHex(sha.digest()).equals(line.sha256());
    }
}
