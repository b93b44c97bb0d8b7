package io.patchbay.model.kit;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.io.FileTrees;
import io.patchbay.model.io.IoFailure;
import io.patchbay.model.kit.zip.ZipEntryHeader;
import io.patchbay.model.release.Version;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.PublicKey;
import java.util.Collection;
import java.util.HashSet;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import java.util.Set;

/**
 * Turns a delta kit and the installed base release into the new release's staging folder: the same folder
 * {@link KitExtractor} makes of the new release's full kit (its {@code kit.ini}, every entry of its checksum list,
 * and the list), so everything after staging installs it exactly as a full kit.
 *
 * <p>In order, and nothing is believed before it is checked: the delta kit is verified like any kit (signature by a
 * trusted key, every entry's checksum); its three lists must agree with its signed manifest (the base list's SHA-256,
 * the release manifest); every entry must be accounted for by the lists (no patch for a file the base does not have,
 * no file the release does not list, no name a kit may not hold); the installed version must be the base. Then each
 * file of the release is made in a new staging folder beside the target: copied from the installed file when it did
 * not change, patched from it, or written whole, and every result is checked against the release's checksum list.
 * Only when all have passed is the staging folder renamed to the target; on any refusal or failure it is deleted.
 *
 * <p>Outcomes: a {@link NeedsFullKitException} when the delta is sound but does not fit the installed files; a
 * {@link PatchbayException} when the delta itself is wrong (hostile or broken); an {@link IoFailure} when this
 * machine failed (disk, permission). Memory stays bounded: a patch's base and result are each at most
 * {@link DeltaPatch#MAX_FILE}, and every other file is streamed.
 */
public final class DeltaApplier {
    private DeltaApplier() {
    }

    /**
     * What becomes of a payload file the release did not change since the base.
     */
    public enum Unchanged {
        /**
         * Checked where it is installed against the release's checksum and left out of the staging folder: the
         * install then takes it as it is (it changes, and is backed up, nothing of it). The staging folder holds only
         * what the release changes, so it installs over the base release and nothing else.
         */
        VERIFIED_IN_PLACE,
        /** Copied into the staging folder after the same check: a whole release tree, wherever it is installed. */
        COPIED
    }

    /** Told of every file of the release made (or verified in place): how many of how many are done. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void fileDone(int done, int total);
    }

    /** As {@link #apply(Path, Collection, Path, Version, Path, Unchanged, Progress)}, staging a whole release tree. */
    public static VerifiedKit apply(Path deltaKit, Collection<PublicKey> trusted, Path installRoot, Version installed,
                                    Path target) throws IOException {
        return apply(deltaKit, trusted, installRoot, installed, target, Unchanged.COPIED, Progress.NONE);
    }

    /**
     * @param installRoot where the base release's payload is installed ({@code payload/x} is {@code installRoot/x})
     * @param installed   the release the site reports installed, or null when none
     * @param target      a folder that must not exist yet; it appears complete or not at all
     * @param unchanged   whether the files the release did not change are staged too, or only checked in place
     * @return the new release as verified: its manifest and checksum list, the delta's trusted signers
     */
    public static VerifiedKit apply(Path deltaKit, Collection<PublicKey> trusted, Path installRoot, Version installed,
                                    Path target, Unchanged unchanged, Progress progress) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw new PatchbayException("refusing to apply a delta over the existing " + absolute);
        }
        try (KitReader kit = KitReader.open(deltaKit)) {
            VerifiedKit delta = verifyDelta(kit, trusted, deltaKit);
            Contents contents = Contents.read(kit, delta);
            Manifest.DeltaBase base = delta.manifest().delta();
            if (!base.version().equals(installed)) {
                throw new NeedsFullKitException(null, "the delta patches " + delta.manifest().product() + " "
                        + base.version() + ", but " + (installed == null ? "no release" : installed) + " is installed");
            }
            Path parent = absolute.getParent();
            Files.createDirectories(parent);
            Path staging = Files.createTempDirectory(parent, KitExtractor.workingPrefix(absolute));
            try {
                List<ChecksumList.Line> lines = contents.release().lines();
                AtomicInteger done = new AtomicInteger();
                List<ChecksumList.Line> inPlace = unchanged == Unchanged.VERIFIED_IN_PLACE
                        ? lines.stream().filter(l -> contents.unchanged(l) && sameMode(installRoot, l)).toList()
                        : List.of();
                List<InPlaceStamps.Stamp> stamps = InPlace.verify(inPlace, line -> installed(installRoot, line.name()),
                        contents.baseTitle(), () -> progress.fileDone(done.incrementAndGet(), lines.size()));
                Set<ChecksumList.Line> verified = new HashSet<>(inPlace);
                for (ChecksumList.Line line : lines) {
                    if (!verified.contains(line)) {
                        make(kit, contents, line, installRoot, staging);
                        progress.fileDone(done.incrementAndGet(), lines.size());
                    }
                }
                AtomicFiles.write(staging.resolve(KitLayout.CHECKSUMS), contents.release().toBytes());
                if (unchanged == Unchanged.VERIFIED_IN_PLACE) {
                    InPlaceStamps.write(staging, stamps); // the install rechecks them before it changes a file
                }
                AtomicFiles.moveAtomically(staging, absolute);
                AtomicFiles.forceDirectory(parent);
                return new VerifiedKit(contents.manifest(), contents.release(), delta.signers());
            } catch (IOException | RuntimeException | Error e) {
                FileTrees.delete(staging);
                throw e;
            }
        } catch (IOException e) {
            throw IoFailure.of("applying the delta kit " + deltaKit.getFileName(), e);
        }
    }

    /**
     * Whether the installed file already has the mode the release lists (a kit sets only the owner's execute bit
     * apart): one that does not is staged, so the install gives it its mode. A file system without POSIX modes counts
     * as the same: its kits' files install there with no mode either.
     */
    private static boolean sameMode(Path installRoot, ChecksumList.Line line) {
        Path file = installed(installRoot, line.name());
        try {
            boolean executable = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
                    .contains(java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
            return executable == (line.mode() == KitLayout.EXECUTABLE_MODE);
        } catch (UnsupportedOperationException e) {
            return true;
        } catch (IOException e) {
            return false; // staged instead, where a missing file gets its clear reason
        }
    }

    /**
     * Everything {@link #apply} refuses about the delta kit itself, checked without the installed files: what a site
     * checks on receipt, so a hostile or broken delta is refused there like a hostile kit, and only a delta that may
     * fit waits for its installation.
     *
     * @return the delta kit as verified: its own manifest (with {@code [delta]}), checksum list and trusted signers
     */
    public static VerifiedKit verify(Path deltaKit, Collection<PublicKey> trusted) throws IOException {
        try (KitReader kit = KitReader.open(deltaKit)) {
            VerifiedKit delta = verifyDelta(kit, trusted, deltaKit);
            Contents.read(kit, delta);
            return delta;
        }
    }

    /**
     * Whether {@code kit} is laid out as a delta kit (it holds {@code delta/} entries), read from its ZIP directory
     * alone and believed for nothing but choosing the path that verifies it: {@link #verify} for a delta,
     * {@link KitExtractor} for a full kit. Each refuses the other kind ({@link KitLayout#kindProblem}).
     */
    public static boolean isDeltaKit(Path kit) throws IOException {
        try (KitReader reader = KitReader.open(kit)) {
            return reader.archive().entries().stream().anyMatch(e -> e.name().startsWith(KitLayout.DELTA));
        }
    }

    private static VerifiedKit verifyDelta(KitReader kit, Collection<PublicKey> trusted, Path file) {
        VerifiedKit delta = KitVerifier.verify(kit, trusted);
        if (!delta.manifest().isDelta()) {
            throw new PatchbayException(file.getFileName() + " is a full kit, not a delta kit");
        }
        return delta;
    }

    /** One file of the release, made in the staging folder and checked against its line. */
    private static void make(KitReader kit, Contents contents, ChecksumList.Line line, Path installRoot, Path staging)
            throws IOException {
        String name = line.name();
        ZipEntryHeader patch = contents.entries().get(KitLayout.DELTA_PATCH + name);
        ZipEntryHeader whole = contents.entries().get(KitLayout.DELTA_WHOLE + name);
        if (name.equals(KitLayout.MANIFEST)) {
            write(staging, line, contents.manifestBytes(), "the release's kit.ini");
        } else if (name.equals(KitLayout.SHA256SUMS)) {
            write(staging, line, contents.release().toSha256sums(), KitLayout.SHA256SUMS);
        } else if (whole != null) {
            try (InputStream in = kit.open(whole, whole.size())) {
                copy(in, staging, line, () -> new PatchbayException("the whole " + name + " in the delta does not match "
                        + "the release's checksum list"));
            }
        } else if (patch != null) {
            String source = contents.patchedFrom().source(name);
            byte[] baseBytes = readBase(installRoot, source, contents.baseLines().get(source), contents.baseTitle());
            byte[] patchBytes;
            try (InputStream in = kit.open(patch, patch.size())) {
                patchBytes = in.readAllBytes();
            }
            byte[] result;
            try {
                result = DeltaPatch.apply(baseBytes, patchBytes, (int) line.size());
            } catch (DeltaPatch.Inflates e) {
                throw new PatchbayException("the patch for " + name + " inflates past the " + line.size()
                        + " bytes the release declares" + (e.declared > 0 ? " (its frame claims " + e.declared + ")" : ""));
            } catch (DeltaPatch.Corrupt e) {
                throw new NeedsFullKitException(name, "the patch does not apply to the installed file (" + e.getMessage() + ")");
            }
            if (!sha256(result).equals(line.sha256())) {
                throw new NeedsFullKitException(name, "the patched file does not match the release's checksum");
            }
            write(staging, line, result, name);
        } else {
            // Unchanged since the base: the installed file is the release's, which its checksum proves.
            InPlace.check(installed(installRoot, name), line, contents.baseTitle(),
                    () -> KitExtractor.create(staging, line));
        }
    }

    /** The installed base file a patch reads, refused unless it is exactly the base's. */
    private static byte[] readBase(Path installRoot, String name, ChecksumList.Line was, String baseTitle)
            throws IOException {
        Path file = installed(installRoot, name);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new NeedsFullKitException(name, "the installed file is missing");
        }
        if (!attrs.isRegularFile()) {
            throw new NeedsFullKitException(name, "the installed file is not a regular file");
        }
        if (attrs.size() != was.size()) {
            throw new NeedsFullKitException(name, "the installed file is not " + baseTitle + "'s (" + attrs.size()
                    + " bytes, not " + was.size() + ")");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes((int) was.size() + 1);
        }
        if (bytes.length != was.size() || !sha256(bytes).equals(was.sha256())) {
            throw new NeedsFullKitException(name, "the installed file is not " + baseTitle + "'s (changed on this site?)");
        }
        return bytes;
    }

    static Path installed(Path installRoot, String name) {
        Path root = installRoot.toAbsolutePath().normalize();
        Path file = root.resolve(name.substring(KitLayout.PAYLOAD.length())).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new PatchbayException(name + " would read outside the install root"); // KitPaths already refused it
        }
        return file;
    }

    /** Streams {@code in} into the entry's staging file, at most its size plus one byte, and checks its checksum. */
    private static void copy(InputStream in, Path staging, ChecksumList.Line line,
                             java.util.function.Supplier<PatchbayException> mismatch) throws IOException {
        boolean matches;
        try (OutputStream out = KitExtractor.create(staging, line)) {
            matches = InPlace.matches(in, out, line);
        }
        if (!matches) {
            throw mismatch.get();
        }
    }

    private static void write(Path staging, ChecksumList.Line line, byte[] bytes, String what) throws IOException {
        if (bytes.length != line.size() || !sha256(bytes).equals(line.sha256())) {
            throw new PatchbayException(what + " in the delta does not match the release's checksum list");
        }
        try (OutputStream out = KitExtractor.create(staging, line)) {
            out.write(bytes);
        }
    }

    private static String sha256(byte[] bytes) {
        return DeltaBuilder.sha256(bytes);
    }

    /**
     * A verified delta kit's lists, checked against its manifest and its entries.
     *
     * @param manifest      the release's manifest (the delta's without {@code [delta]})
     * @param manifestBytes the release's {@code kit.ini} as its full kit holds it
     * @param release       the release's checksum list
     * @param base          the base release's checksum list
     * @param baseLines     its lines by name
     * @param entries       the delta kit's entries by name
     * @param patchedFrom   the base file of each patch that reads another path than its own
     */
    record Contents(Manifest manifest, byte[] manifestBytes, ChecksumList release, ChecksumList base,
                    Map<String, ChecksumList.Line> baseLines, Map<String, ZipEntryHeader> entries, String baseTitle,
                    PatchedFrom patchedFrom) {

        static Contents read(KitReader kit, VerifiedKit delta) throws IOException {
            Map<String, ZipEntryHeader> entries = KitVerifier.byName(kit);
            byte[] manifestBytes = KitVerifier.readSmall(kit, entries.get(KitLayout.DELTA_MANIFEST),
                    ManifestCodec.MAX_BYTES, KitLayout.DELTA_MANIFEST + " is too large");
            byte[] baseBytes = KitVerifier.readSmall(kit, entries.get(KitLayout.DELTA_BASE), ChecksumList.MAX_BYTES,
                    KitLayout.DELTA_BASE + " is too large");
            byte[] releaseBytes = KitVerifier.readSmall(kit, entries.get(KitLayout.DELTA_CHECKSUMS), ChecksumList.MAX_BYTES,
                    KitLayout.DELTA_CHECKSUMS + " is too large");
            Manifest.DeltaBase deltaBase = delta.manifest().delta();
            if (!sha256(baseBytes).equals(deltaBase.checksums())) {
                throw new PatchbayException(KitLayout.DELTA_BASE + " is not the checksum list its kit.ini names");
            }
            Manifest manifest = ManifestCodec.read(manifestBytes);
            if (manifest.isDelta() || !manifest.equals(delta.manifest().withDelta(null))) {
                throw new PatchbayException(KitLayout.DELTA_MANIFEST + " does not say what the delta's kit.ini says");
            }
            ChecksumList release = ChecksumList.parse(releaseBytes);
            ChecksumList base = ChecksumList.parse(baseBytes);
            // What a full kit's verifier refuses about names, refused here too: these names become files.
            for (ChecksumList.Line line : release.lines()) {
                String problem = KitPaths.problem(line.name());
                if (problem != null) {
                    throw new PatchbayException("the release lists '" + line.name() + "', which has " + problem);
                }
                if (!KitLayout.isContent(line.name()) && !line.name().equals(KitLayout.MANIFEST)
                        && !line.name().equals(KitLayout.SHA256SUMS)) {
                    throw new PatchbayException("the release lists " + line.name() + ", which a kit may not hold");
                }
                if (!KitLayout.isValidMode(line.mode())) {
                    throw new PatchbayException("the release lists " + line.name() + " with the mode "
                            + Integer.toOctalString(line.mode()));
                }
            }
            KitPaths.refuseCollisions(release.lines().stream().map(ChecksumList.Line::name).toList());
            if (!release.byName().containsKey(KitLayout.MANIFEST)) {
                throw new PatchbayException("the release's checksum list lacks " + KitLayout.MANIFEST);
            }
            Map<String, ChecksumList.Line> releaseLines = release.byName();
            Map<String, ChecksumList.Line> baseLines = base.byName();
            PatchedFrom patchedFrom = patchedFrom(kit, entries, baseLines);
            Set<String> sourced = new HashSet<>();
            for (String name : entries.keySet()) {
                if (name.startsWith(KitLayout.DELTA_PATCH)) {
                    String file = name.substring(KitLayout.DELTA_PATCH.length());
                    ChecksumList.Line now = releaseLines.get(file);
                    if (now == null) {
                        throw new PatchbayException("the delta patches " + file + ", which the release does not list");
                    }
                    String source = patchedFrom.source(file);
                    if (!baseLines.containsKey(source)) {
                        throw new PatchbayException("the delta patches " + file + (source.equals(file) ? "" : " from "
                                + source) + ", which the base release does not have");
                    }
                    if (now.size() > DeltaPatch.MAX_FILE || baseLines.get(source).size() > DeltaPatch.MAX_FILE) {
                        throw new PatchbayException("the delta patches " + file + ", larger than a patch may be ("
                                + DeltaPatch.MAX_FILE + " bytes)");
                    }
                    if (!sourced.add(file)) {
                        throw new PatchbayException("the delta carries " + file + " both whole and as a patch");
                    }
                } else if (name.startsWith(KitLayout.DELTA_WHOLE)) {
                    String file = name.substring(KitLayout.DELTA_WHOLE.length());
                    if (!releaseLines.containsKey(file)) {
                        throw new PatchbayException("the delta carries " + file + ", which the release does not list");
                    }
                    if (!sourced.add(file)) {
                        throw new PatchbayException("the delta carries " + file + " both whole and as a patch");
                    }
                }
            }
            for (ChecksumList.Line line : release.lines()) {
                String name = line.name();
                boolean rebuilt = name.equals(KitLayout.MANIFEST) || name.equals(KitLayout.SHA256SUMS);
                ChecksumList.Line was = baseLines.get(name);
                boolean unchanged = name.startsWith(KitLayout.PAYLOAD) && was != null && was.sha256().equals(line.sha256());
                if (!rebuilt && !unchanged && !sourced.contains(name)) {
                    throw new PatchbayException("the delta has no bytes for " + name + ", which changed since the base");
                }
            }
            String baseTitle = delta.manifest().product() + " " + deltaBase.version();
            return new Contents(manifest, manifestBytes, release, base, baseLines, entries, baseTitle, patchedFrom);
        }

        /**
         * The delta's {@code delta/patched-from}, refused unless each line names a new payload file of the release
         * that the delta patches and a safe payload path of the base: a patch may read only a file the base release
         * installed, which the site then checks against the base's list like any base file.
         */
        private static PatchedFrom patchedFrom(KitReader kit, Map<String, ZipEntryHeader> entries,
                                               Map<String, ChecksumList.Line> baseLines) throws IOException {
            ZipEntryHeader entry = entries.get(KitLayout.DELTA_PATCHED_FROM);
            if (entry == null) {
                return PatchedFrom.NONE;
            }
            PatchedFrom list = PatchedFrom.parse(KitVerifier.readSmall(kit, entry, ChecksumList.MAX_BYTES,
                    KitLayout.DELTA_PATCHED_FROM + " is too large"));
            for (Map.Entry<String, String> e : list.bases().entrySet()) {
                String file = e.getKey();
                String from = e.getValue();
                String problem = KitPaths.problem(from);
                if (problem != null) {
                    throw new PatchbayException("the delta patches " + file + " from '" + from + "', which has " + problem);
                }
                if (!from.startsWith(KitLayout.PAYLOAD) || !KitLayout.isContent(from)) {
                    throw new PatchbayException("the delta patches " + file + " from " + from
                            + ", which is not a payload file");
                }
                if (!entries.containsKey(KitLayout.DELTA_PATCH + file)) {
                    throw new PatchbayException(KitLayout.DELTA_PATCHED_FROM + " names " + file
                            + ", which the delta does not patch");
                }
                if (baseLines.containsKey(file)) {
                    throw new PatchbayException("the delta patches " + file + " from " + from
                            + ", but the base release has " + file + " itself");
                }
            }
            return list;
        }

        /** A payload file with the same checksum in both lists: the delta carries nothing for it. */
        boolean unchanged(ChecksumList.Line line) {
            ChecksumList.Line was = baseLines.get(line.name());
            return line.name().startsWith(KitLayout.PAYLOAD) && was != null && was.sha256().equals(line.sha256())
                    && !entries.containsKey(KitLayout.DELTA_PATCH + line.name())
                    && !entries.containsKey(KitLayout.DELTA_WHOLE + line.name());
        }
    }
}
