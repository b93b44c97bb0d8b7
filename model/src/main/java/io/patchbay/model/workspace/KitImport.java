package io.patchbay.model.workspace;

import io.patchbay.model.NotFoundException;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.trust.KeyTrust;
import io.patchbay.model.trust.RotationStatements;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.io.FileHashes;
import io.patchbay.model.kit.KitLayout;
import io.patchbay.model.kit.KitReader;
import io.patchbay.model.kit.KitSignature;
import io.patchbay.model.kit.ManifestCodec;
import io.patchbay.model.kit.VerifiedKit;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.kit.zip.ZipEntryHeader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code release add}: brings a kit into the workspace. The kit is first copied into {@code kits/} under a
 * hidden temporary name; that copy (not the file the user named, which could change meanwhile) is
 * verified, stored in the database's {@link KitStore}, recorded, and renamed into place as this machine's
 * cached copy. Any refusal leaves nothing behind.
 *
 * <p>Trust: the workspace's {@link TrustedSigners} (in its database, shared by a team) plus any keys given with the command (those are
 * pinned once the kit verifies with them). A workspace that trusts nobody yet trusts the first kit's
 * own signer and pins it (trust on first use); later kits by another signer are refused unless a key is
 * given for them.
 *
 * <p>Adding the same version again: byte-identical kit -&gt; nothing changes and the existing release is
 * returned ({@link Result#alreadyPresent()}); a different kit with that version is refused (a release's
 * kit never changes).
 */
public final class KitImport {
    /**
     * What happened: the release, whether it was already there, and the signer newly pinned in the workspace
     * database (or null).
     */
    public record Result(Release release, boolean alreadyPresent, String newlyTrustedSigner) {
    }

    private KitImport() {
    }

    /** The name a built kit gets, {@code Spruce-12.10.11.kit}: the product's letters, digits, dot, dash and underscore, then the version. */
    public static String kitFileName(String product, String version) {
        String safe = product.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.isEmpty() || !Character.isLetterOrDigit(safe.charAt(0))) {
            safe = "kit" + safe;
        }
        return safe + "-" + version.toLowerCase(Locale.ROOT) + ".kit";
    }

    /**
     * The name a delta kit of {@code version} from {@code base} gets, {@code Spruce-12.10.11-12.10.12.delta.kit}: never
     * the name of a full kit, so a site's report on it is never taken for the full kit's.
     */
    public static String deltaFileName(String product, String base, String version) {
        String baseKit = kitFileName(product, base);
        return baseKit.substring(0, baseKit.length() - ".kit".length()) + "-" + version.toLowerCase(Locale.ROOT)
                + DELTA_SUFFIX;
    }

    /** How every delta kit's file name ends. */
    public static final String DELTA_SUFFIX = ".delta.kit";

    public static Result add(Workspace ws, Path kit, List<PublicKey> givenKeys, String actor) {
        return viaCopy(ws, kit, (copy, kitFile) -> addCopy(ws, copy, kitFile, givenKeys, actor));
    }

    /** What is done with the workspace's own copy of a kit being added. */
    interface CopyUse<T> {
        T use(Path copy, String kitFile) throws IOException;
    }

    /**
     * Copies {@code kit} into {@code kits/} under a hidden temporary name and hands that copy (not the file the user
     * named, which could change meanwhile) to {@code use}; the copy is gone afterwards unless {@code use} moved it.
     */
    static <T> T viaCopy(Workspace ws, Path kit, CopyUse<T> use) {
        if (!Files.isRegularFile(kit)) {
            throw new NotFoundException("no such kit: " + kit);
        }
        String kitFile = kit.getFileName().toString();
        if (!kitFile.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,254}")) {
            throw new PatchbayException("kit file name must be letters, digits, '.', '-', '_': " + kitFile);
        }
        Path tmp = ws.kitsDir().resolve("." + kitFile + ".adding");
        try {
            Files.createDirectories(ws.kitsDir());
            Files.copy(kit, tmp, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            return use.use(tmp, kitFile);
        } catch (IOException e) {
            throw new PatchbayException("cannot copy " + kit + " into " + ws.kitsDir() + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a leftover hidden .adding file is overwritten by the next add
            }
        }
    }

    /**
     * Stores the verified copy's bytes in the database's kit store and moves it into this machine's cache as
     * {@code kitFile}. Returns its SHA-256.
     */
    static String store(Workspace ws, Path copy, String kitFile, String sha) throws IOException {
        // The bytes go into the database first, so every workstation and worker finds the kit once a row names it.
        // A kit stored without its row (the add failing below) is harmless: content-addressed, it is found again by
        // the next add of the same bytes.
        String stored;
        try (InputStream in = Files.newInputStream(copy)) {
            stored = ws.kits().put(in);
        }
        if (!stored.equals(sha)) {
            throw new PatchbayException("the kit changed while it was being stored: " + copy);
        }
        // This machine's cache keeps the verified copy under the kit's name, so its own sends need no fetch.
        AtomicFiles.moveAtomically(copy, ws.kitsDir().resolve(kitFile));
        AtomicFiles.forceDirectory(ws.kitsDir());
        return stored;
    }

    private static Result addCopy(Workspace ws, Path copy, String kitFile, List<PublicKey> givenKeys, String actor)
            throws IOException {
        TrustedSigners trust = ws.trustedSigners();
        List<PublicKey> trusted = new ArrayList<>(trust.keys());
        boolean firstUse = trusted.isEmpty() && givenKeys.isEmpty();
        trusted.addAll(givenKeys);
        if (firstUse) {
            trusted.add(embeddedSigner(copy));
        }
        // Judged as a site judges it (KitReceiver): the recorded rotations, then the kit's own, before its signature.
        List<byte[]> carried = KitReader.rotationStatements(copy);
        KeyTrust before = ws.keyRotations().trust(trusted);
        KeyTrust after = before.following(carried, kitFile);
        List<PublicKey> learnt = after.keys().stream().filter(k -> !trusted.contains(k)).toList();
        trusted.addAll(learnt);
        VerifiedKit verified = KitReader.verify(copy, trusted);
        if (verified.manifest().isDelta()) {
            throw new PatchbayException(kitFile + " is a delta kit: add it beside its release's full kit with "
                    + "`patchbay release add FULL.kit --delta " + kitFile + "`");
        }
        if (after.standingSigners(verified.signers(), verified.manifest().released()).isEmpty()) {
            throw new PatchbayException(kitFile + " is refused: "
                    + after.revokedRefusal(verified.signers(), verified.manifest().released()));
        }
        String sha = FileHashes.sha256(copy);
        long size = Files.size(copy);

        Optional<Release> existing = ws.releases().find(verified.manifest().product(), verified.manifest().version());
        if (existing.isPresent()) {
            if (existing.get().kitSha256().equals(sha)) {
                return new Result(existing.get(), true, null);
            }
            throw new PatchbayException("release already in the workspace: " + existing.get().title()
                    + " (with a different kit, sha256 " + existing.get().kitSha256().substring(0, 12)
                    + "...; a release's kit never changes: give the new kit a new version)");
        }
        Path target = ws.kitsDir().resolve(kitFile);
        if (ws.releases().list().stream().anyMatch(r -> r.kitFile().equals(kitFile))) {
            throw new PatchbayException("kit file name already used in the workspace: " + kitFile);
        }
        String manifestText = new String(entry(copy, KitLayout.MANIFEST, ManifestCodec.MAX_BYTES), StandardCharsets.UTF_8);
        store(ws, copy, kitFile, sha);
        Release release;
        try {
            release = ws.releases().add(new NewRelease(verified.manifest(), manifestText, kitFile, sha, size,
                    verified.signerFingerprint()), actor);
        } catch (RuntimeException e) {
            Files.deleteIfExists(target);
            throw e;
        }
        // The workspace follows the kit's rotations as its sites will, and sends each new one to every site.
        for (byte[] statement : carried) {
            if (!before.statements().contains(RotationStatements.read(statement, kitFile))
                    && after.statements().contains(RotationStatements.read(statement, kitFile))) {
                ws.keyRotations().record(statement, kitFile, trusted, actor);
            }
        }
        for (PublicKey key : learnt) {
            trust.pin(key, actor);
        }
        PublicKey signer = trusted.stream()
                .filter(k -> SigningKeys.fingerprint(k).equals(verified.signerFingerprint())).findFirst().orElseThrow();
        boolean pinned = trust.pin(signer, actor);
        return new Result(release, false, pinned ? verified.signerFingerprint() : null);
    }

    /** The signer key the kit names in its kit.sig (not yet trusted: verification decides). */
    static PublicKey embeddedSigner(Path kit) throws IOException {
        KitSignature sig = KitSignature.parse(entry(kit, KitLayout.SIGNATURE, KitSignature.MAX_BYTES));
        return SigningKeys.publicKey(sig.signerKey(), KitLayout.SIGNATURE + " signer key");
    }

    /** The kit's {@code kit.ini} as it is written, read but not yet verified (the add verifies it). */
    public static String manifestText(Path kit) {
        try {
            return new String(entry(kit, KitLayout.MANIFEST, ManifestCodec.MAX_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PatchbayException("cannot read the manifest of " + kit + ": " + e.getMessage(), e);
        }
    }

    private static byte[] entry(Path kit, String name, int max) throws IOException {
        try (KitReader reader = KitReader.open(kit)) {
            for (ZipEntryHeader e : reader.archive().entries()) {
                if (e.name().equals(name)) {
                    if (e.size() > max) {
                        throw new PatchbayException(name + " is too large: " + e.size() + " bytes");
                    }
                    try (InputStream in = reader.open(e, e.size())) {
                        return in.readAllBytes();
                    }
                }
            }
        }
        throw new PatchbayException("not a signed kit: no " + name + " in " + kit.getFileName());
    }
}
