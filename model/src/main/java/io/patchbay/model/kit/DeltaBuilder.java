package io.patchbay.model.kit;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.FileTrees;
import io.patchbay.model.kit.zip.ZipEntryHeader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Builds a delta kit from two full kits of one product: a signed kit (written by {@link KitBuilder}'s one writer,
 * so just as deterministic) whose {@code kit.ini} is the new release's manifest with a {@code [delta]} section naming
 * the base release and the SHA-256 of its checksum list. It holds the new release's {@code kit.ini} and checksum list
 * as they are, the base's checksum list, and for each entry of the new release:
 * <ul>
 *   <li>nothing, for a payload file whose bytes the base has at the same path (the site copies its installed file);</li>
 *   <li>{@code delta/patch/payload/...}: a {@link DeltaPatch} against the base's file at the same path, when the
 *       file changed and the patch is at most half the file; for a new path, against the base file it replaces
 *       ({@link Namesakes}: dropped by the release, same folder, same name but for its version), named in
 *       {@code delta/patched-from} ({@link PatchedFrom});</li>
 *   <li>{@code delta/whole/<entry>}: the whole file otherwise (new files, hooks, data and notes, which a site does
 *       not keep in its install root, and files a patch does not pay for).</li>
 * </ul>
 * Removals need no entry of their own: they are the new manifest's {@code [install] remove} lines, as in the full kit.
 *
 * <p>Only the signature, manifest and checksum list of each input are checked up front (the trusted keys must have
 * signed both); of the entries, only the ones the delta uses are read, each checked against its kit's list as it is
 * read. Entries that did not change are never read: the delta takes nothing from them but their listed checksums.
 */
public final class DeltaBuilder {
    /** A patch is used when it is at most this fraction of the file; else the whole file travels. */
    private static final double PAYS = 0.5;

    private final int threads;
    private final boolean namesakes;

    public DeltaBuilder() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public DeltaBuilder(int threads) {
        this(threads, true);
    }

    /**
     * @param namesakes whether a new path may be patched against the base file it replaces ({@link Namesakes}); off,
     *                  every patch reads its own path (the benchmark measures what renames save)
     */
    public DeltaBuilder(int threads, boolean namesakes) {
        this.threads = Math.max(1, threads);
        this.namesakes = namesakes;
    }

    /**
     * @param from    the base release's full kit
     * @param to      the new release's full kit
     * @param trusted keys either kit may be signed by
     * @param key     the key that signs the delta
     * @param out     the delta kit to write (replaced atomically)
     */
    public record Inputs(Path from, Path to, Collection<PublicKey> trusted, PrivateKey key, Path out) {
        public Inputs {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            trusted = List.copyOf(trusted);
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(out, "out");
        }
    }

    /**
     * @param patched   entries carried as patches
     * @param whole     entries carried whole
     * @param unchanged payload files the site copies from its installed base
     * @param renamed   of the patched, those patched against a base file at another path
     */
    public record Result(KitBuildResult kit, Manifest manifest, int patched, int whole, int unchanged, int renamed) {
    }

    public Result build(Inputs in) throws IOException {
        return build(in, KitBuildListener.NONE, () -> false);
    }

    public Result build(Inputs in, KitBuildListener listener, BooleanSupplier cancelled) throws IOException {
        try (KitReader base = KitReader.open(in.from()); KitReader release = KitReader.open(in.to())) {
            VerifiedKit baseKit = signed(base, in.from(), in.trusted());
            VerifiedKit releaseKit = signed(release, in.to(), in.trusted());
            Manifest was = baseKit.manifest();
            Manifest now = releaseKit.manifest();
            if (!was.product().equals(now.product())) {
                throw new PatchbayException("the kits are of different products: " + was.product() + " and " + now.product());
            }
            if (!now.version().isNewerThan(was.version())) {
                throw new PatchbayException("the new kit's version " + now.version() + " is not newer than the base's "
                        + was.version());
            }
            Map<String, ZipEntryHeader> baseEntries = KitVerifier.byName(base);
            Map<String, ZipEntryHeader> releaseEntries = KitVerifier.byName(release);
            byte[] baseList = KitVerifier.readSmall(base, baseEntries.get(KitLayout.CHECKSUMS), ChecksumList.MAX_BYTES,
                    "the base's " + KitLayout.CHECKSUMS + " is too large");
            byte[] releaseList = KitVerifier.readSmall(release, releaseEntries.get(KitLayout.CHECKSUMS),
                    ChecksumList.MAX_BYTES, "the new kit's " + KitLayout.CHECKSUMS + " is too large");
            byte[] releaseManifest = KitVerifier.readSmall(release, releaseEntries.get(KitLayout.MANIFEST),
                    ManifestCodec.MAX_BYTES, "the new kit's kit.ini is too large");

            Map<String, ChecksumList.Line> baseLines = baseKit.checksums().byName();
            Namesakes namesakes = new Namesakes(this.namesakes ? baseKit.checksums().lines() : List.of(),
                    releaseKit.checksums().byName());
            List<Change> changed = new ArrayList<>();
            List<ChecksumList.Line> whole = new ArrayList<>();
            int unchanged = 0;
            for (ChecksumList.Line line : releaseKit.checksums().lines()) {
                if (line.name().equals(KitLayout.MANIFEST) || line.name().equals(KitLayout.SHA256SUMS)) {
                    continue; // rebuilt on the site from delta/kit.ini and the checksum list
                }
                ChecksumList.Line old = line.name().startsWith(KitLayout.PAYLOAD) ? baseLines.get(line.name()) : null;
                if (old != null && old.sha256().equals(line.sha256())) {
                    unchanged++;
                } else if (old != null && old.size() <= DeltaPatch.MAX_FILE && line.size() <= DeltaPatch.MAX_FILE) {
                    changed.add(new Change(line, old));
                } else if (old == null && namesakes.of(line).isPresent()) {
                    changed.add(new Change(line, namesakes.of(line).get())); // a new path: its renamed base file
                } else {
                    whole.add(line);
                }
            }

            Manifest delta = now.withDelta(new Manifest.DeltaBase(was.version(), sha256(baseList)));
            Path out = in.out().toAbsolutePath();
            Files.createDirectories(out.getParent());
            Path work = Files.createTempDirectory(out.getParent(), "." + out.getFileName() + ".patches-");
            try {
                List<KitBuilder.Planned> entries = new ArrayList<>();
                entries.add(KitBuilder.memory(KitLayout.MANIFEST, ManifestCodec.writeBytes(delta)));
                entries.add(KitBuilder.memory(KitLayout.DELTA_MANIFEST, releaseManifest));
                entries.add(KitBuilder.memory(KitLayout.DELTA_CHECKSUMS, releaseList));
                entries.add(KitBuilder.memory(KitLayout.DELTA_BASE, baseList));
                List<Path> patches = makePatches(base, baseEntries, release, releaseEntries, changed, work, cancelled);
                int patched = 0;
                Map<String, String> patchedFrom = new java.util.TreeMap<>();
                for (int i = 0; i < changed.size(); i++) {
                    ChecksumList.Line line = changed.get(i).line();
                    Path patch = patches.get(i);
                    if (Files.size(patch) <= line.size() * PAYS) {
                        entries.add(KitBuilder.Planned.file(KitLayout.DELTA_PATCH + line.name(), patch, Files.size(patch)));
                        patched++;
                        if (!changed.get(i).base().name().equals(line.name())) {
                            patchedFrom.put(line.name(), changed.get(i).base().name());
                        }
                    } else {
                        whole.add(line);
                    }
                }
                if (!patchedFrom.isEmpty()) {
                    // Only when a patch reads another path: a delta without renames is laid out as before.
                    entries.add(KitBuilder.memory(KitLayout.DELTA_PATCHED_FROM, new PatchedFrom(patchedFrom).toBytes()));
                }
                for (ChecksumList.Line line : whole) {
                    ZipEntryHeader e = releaseEntries.get(line.name());
                    if (e.method() != ZipEntryHeader.STORED) {
                        throw new PatchbayException(in.to() + ": " + line.name() + " is not stored as a kit's entries are");
                    }
                    entries.add(KitBuilder.Planned.range(KitLayout.DELTA_WHOLE + line.name(), in.to(), e.dataOffset(),
                            line.size(), line.sha256()));
                }
                KitBuildResult kit = new KitBuilder(threads).write(entries, in.key(), out, listener, cancelled);
                return new Result(kit, delta, patched, whole.size(), unchanged, patchedFrom.size());
            } finally {
                FileTrees.delete(work);
            }
        }
    }

    private static VerifiedKit signed(KitReader kit, Path file, Collection<PublicKey> trusted) throws IOException {
        VerifiedKit v;
        try {
            v = KitVerifier.verifySigned(kit, trusted);
        } catch (PatchbayException e) {
            throw new PatchbayException(file + ": " + e.getMessage(), e);
        }
        if (v.manifest().isDelta()) {
            throw new PatchbayException(file + " is itself a delta kit; a delta is made from two full kits");
        }
        return v;
    }

    /** One patch file per changed entry, in order, made on {@link #threads} threads. */
    private List<Path> makePatches(KitReader base, Map<String, ZipEntryHeader> baseEntries, KitReader release,
                                   Map<String, ZipEntryHeader> releaseEntries, List<Change> changed, Path work,
                                   BooleanSupplier cancelled) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "delta-builder");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Path>> futures = new ArrayList<>();
            for (int i = 0; i < changed.size(); i++) {
                Change change = changed.get(i);
                Path file = work.resolve(i + ".zst");
                futures.add(pool.submit(() -> {
                    if (cancelled.getAsBoolean()) {
                        throw new KitBuildCancelledException();
                    }
                    byte[] was = read(base, baseEntries.get(change.base().name()), change.base());
                    byte[] now = read(release, releaseEntries.get(change.line().name()), change.line());
                    Files.write(file, DeltaPatch.make(was, now));
                    return file;
                }));
            }
            List<Path> patches = new ArrayList<>();
            for (Future<Path> f : futures) {
                try {
                    patches.add(f.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new KitBuildCancelledException();
                }
            }
            return patches;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A file of the release to patch, against the base file at its own path or (a new path) its namesake's. */
    private record Change(ChecksumList.Line line, ChecksumList.Line base) {
    }

    /** An entry's bytes, refused unless they are what its kit's list says. */
    private static byte[] read(KitReader kit, ZipEntryHeader entry, ChecksumList.Line line) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) line.size());
        KitVerifier.checkContent(kit, entry, line, l -> bytes);
        return bytes.toByteArray();
    }

    static String sha256(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(KitVerifier.sha256().digest(bytes));
    }
}
