package io.patchbay.model.workspace;

import io.patchbay.model.NotFoundException;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.FileHashes;
import io.patchbay.model.kit.DeltaApplier;
import io.patchbay.model.kit.DeltaBuilder;
import io.patchbay.model.kit.DeltaFit;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.kit.ManifestCodec;
import io.patchbay.model.kit.UntrustedSignerException;
import io.patchbay.model.kit.VerifiedKit;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.release.Version;
import io.patchbay.model.trust.KeyTrust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code release add --delta FILE} and {@code --delta-from VERSION}: a delta kit beside a release's full kit. A given
 * delta is verified like any kit (its signature by a key the workspace trusts, not revoked), then held to the
 * release: the files it makes are exactly the release kit's checksum list, and its base is a release the workspace
 * knows, by that release's own kit. Each refusal is one line and leaves nothing behind. A built delta goes through
 * the same checks.
 */
public final class DeltaImport {
    /** What was added: the delta, and whether the same one was there already. */
    public record Result(ReleaseDelta delta, boolean alreadyPresent) {
    }

    private DeltaImport() {
    }

    /** Adds {@code deltaKit} as a delta of {@code release}. */
    public static Result add(Workspace ws, Release release, Path deltaKit, List<PublicKey> givenKeys, String actor) {
        requireDeltaName(deltaKit, release.product(), release.version());
        return KitImport.viaCopy(ws, deltaKit, (copy, kitFile) -> addCopy(ws, release, copy, kitFile, givenKeys, actor));
    }

    /**
     * Builds the delta of {@code release} from the workspace's release {@code baseVersion}, from the two kits the
     * workspace stores, signed with {@code key}, and adds it.
     */
    public static Result build(Workspace ws, Release release, Version baseVersion, PrivateKey key, String actor) {
        Path dir = null;
        try {
            Files.createDirectories(ws.kitsDir());
            dir = Files.createTempDirectory(ws.kitsDir(), ".delta-building-");
            Path built = buildFile(ws, ws.kitFile(release.id()), release.manifestText(), baseVersion, key, List.of(),
                    dir);
            return addCopy(ws, release, built, built.getFileName().toString(), List.of(), actor);
        } catch (IOException e) {
            throw new PatchbayException("cannot build the delta of " + release.title() + " from " + baseVersion
                    + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /**
     * Builds, into {@code dir}, the delta of the full kit {@code releaseKit} (with {@code manifestText}, its kit.ini;
     * the kit need not be in the workspace yet) from the workspace's release {@code baseVersion}, signed with
     * {@code key}; named as {@link KitImport#deltaFileName}. Both kits may be signed by a key the workspace trusts
     * or one of {@code givenKeys}. Writes nothing to the workspace.
     */
    public static Path buildFile(Workspace ws, Path releaseKit, String manifestText, Version baseVersion,
                                 PrivateKey key, List<PublicKey> givenKeys, Path dir) {
        Manifest m = ManifestCodec.read(manifestText);
        Release base = base(ws, m.product(), m.version(), baseVersion);
        Path out = dir.resolve(KitImport.deltaFileName(m.product(), base.version().toString(), m.version().toString()));
        try {
            new DeltaBuilder().build(new DeltaBuilder.Inputs(ws.kitFile(base.id()), releaseKit,
                    trust(ws, givenKeys).keys(), key, out));
            return out;
        } catch (IOException e) {
            throw new PatchbayException("cannot build the delta of " + m.title() + " from " + base.version()
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every check {@link #add} makes, held to the full kit {@code releaseKit} with {@code manifestText} (not yet in the
     * workspace): {@code release add} checks its deltas before it writes anything, so a refused delta leaves no
     * release behind. Throws the same one-line refusal; writes nothing.
     */
    public static void check(Workspace ws, Path releaseKit, String manifestText, Path deltaKit,
                             List<PublicKey> givenKeys) {
        String kitFile = deltaKit.getFileName().toString();
        Manifest m = ManifestCodec.read(manifestText);
        requireDeltaName(deltaKit, m.product(), m.version());
        if (!Files.isRegularFile(deltaKit)) {
            throw new NotFoundException("no such kit: " + deltaKit);
        }
        try {
            checked(ws, m, releaseKit, deltaKit, kitFile, givenKeys);
        } catch (IOException e) {
            throw new PatchbayException("cannot read " + deltaKit + ": " + e.getMessage(), e);
        }
    }

    private static void requireDeltaName(Path deltaKit, String product, Version version) {
        String name = deltaKit.getFileName().toString();
        if (!name.endsWith(KitImport.DELTA_SUFFIX)) {
            throw new PatchbayException("delta " + name + " refused: a delta kit's file name ends in "
                    + KitImport.DELTA_SUFFIX + " (e.g. " + KitImport.deltaFileName(product, "12.10.11",
                    version.toString()) + "), so its site's report is never taken for the full kit's");
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            io.patchbay.model.io.FileTrees.delete(dir);
        } catch (IOException ignored) {
            // a leftover hidden folder in kits/ is harmless; the next build makes its own
        }
    }

    private record Checked(VerifiedKit verified, Release base) {
    }

    private static Checked checked(Workspace ws, Manifest releaseManifest, Path releaseKit, Path copy, String kitFile,
                                   List<PublicKey> givenKeys) throws IOException {
        KeyTrust trust = trust(ws, givenKeys);
        VerifiedKit verified;
        try {
            verified = DeltaApplier.verify(copy, trust.keys());
        } catch (UntrustedSignerException e) {
            throw refused(kitFile, e.getMessage() + " (add it with --trust KEY.pub)");
        } catch (PatchbayException e) {
            throw refused(kitFile, e.getMessage());
        }
        if (trust.standingSigners(verified.signers(), verified.manifest().released()).isEmpty()) {
            throw refused(kitFile, trust.revokedRefusal(verified.signers(), verified.manifest().released()));
        }
        Release base;
        try {
            base = base(ws, releaseManifest.product(), releaseManifest.version(), verified.manifest().delta().version());
        } catch (PatchbayException e) {
            throw refused(kitFile, e.getMessage());
        }
        String problem = DeltaFit.problem(copy, verified.manifest(), releaseKit, releaseManifest, ws.kitFile(base.id()));
        if (problem != null) {
            throw refused(kitFile, problem);
        }
        return new Checked(verified, base);
    }

    private static Result addCopy(Workspace ws, Release release, Path copy, String kitFile, List<PublicKey> givenKeys,
                                  String actor) throws IOException {
        Checked checked = checked(ws, ManifestCodec.read(release.manifestText()), ws.kitFile(release.id()), copy,
                kitFile, givenKeys);
        VerifiedKit verified = checked.verified();
        Release base = checked.base();
        String sha = FileHashes.sha256(copy);
        long size = Files.size(copy);
        boolean present = ws.releaseDeltas().of(release.id()).stream().anyMatch(d -> d.kitSha256().equals(sha));
        KitImport.store(ws, copy, kitFile, sha);
        ReleaseDelta delta = ws.releaseDeltas().add(release, base, kitFile, sha, size, actor);
        for (PublicKey key : givenKeys) {
            if (verified.signers().contains(SigningKeys.fingerprint(key))) {
                ws.trustedSigners().pin(key, actor);
            }
        }
        return new Result(delta, present);
    }

    /** The workspace's release the delta is from: known, of the same product, older than the release. */
    private static Release base(Workspace ws, String product, Version version, Version baseVersion) {
        Release base = ws.releases().find(product, baseVersion).orElseThrow(() -> new NotFoundException(
                "its base " + product + " " + baseVersion + " is not a release of this workspace (add "
                        + "that release's kit first)"));
        if (!version.isNewerThan(base.version())) {
            throw new PatchbayException("its base " + base.title() + " is not older than " + product + " " + version);
        }
        return base;
    }

    /** The keys a kit or delta may be signed by: the workspace's trusted ones (and their rotations) and {@code givenKeys}. */
    public static List<PublicKey> trustedKeys(Workspace ws, List<PublicKey> givenKeys) {
        return trust(ws, givenKeys).keys();
    }

    private static KeyTrust trust(Workspace ws, List<PublicKey> givenKeys) {
        List<PublicKey> keys = new ArrayList<>(ws.trustedSigners().keys());
        keys.addAll(givenKeys);
        return ws.keyRotations().trust(keys);
    }

    private static PatchbayException refused(String kitFile, String why) {
        return new PatchbayException("delta " + kitFile + " refused: " + why);
    }
}
