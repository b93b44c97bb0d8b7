package io.patchbay.model.workspace;

import io.patchbay.model.NotFoundException;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.FileHashes;
import io.patchbay.model.kit.DeltaApplier;
import io.patchbay.model.kit.DeltaBuilder;
import io.patchbay.model.kit.DeltaFit;
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
        String name = deltaKit.getFileName().toString();
        if (!name.endsWith(KitImport.DELTA_SUFFIX)) {
            throw new PatchbayException("delta " + name + " refused: a delta kit's file name ends in "
                    + KitImport.DELTA_SUFFIX + " (e.g. " + KitImport.deltaFileName(release.product(), "12.10.11",
                    release.version().toString()) + "), so its site's report is never taken for the full kit's");
        }
        return KitImport.viaCopy(ws, deltaKit, (copy, kitFile) -> addCopy(ws, release, copy, kitFile, givenKeys, actor));
    }

    /**
     * Builds the delta of {@code release} from the workspace's release {@code baseVersion}, from the two kits the
     * workspace stores, signed with {@code key}, and adds it.
     */
    public static Result build(Workspace ws, Release release, Version baseVersion, PrivateKey key, String actor) {
        Release base = base(ws, release, baseVersion);
        String kitFile = KitImport.deltaFileName(release.product(), base.version().toString(), release.version().toString());
        Path out = ws.kitsDir().resolve("." + kitFile + ".building");
        try {
            Files.createDirectories(ws.kitsDir());
            Files.deleteIfExists(out);
            new DeltaBuilder().build(new DeltaBuilder.Inputs(ws.kitFile(base.id()), ws.kitFile(release.id()),
                    trust(ws, List.of()).keys(), key, out));
            return addCopy(ws, release, out, kitFile, List.of(), actor);
        } catch (IOException e) {
            throw new PatchbayException("cannot build the delta of " + release.title() + " from " + base.version()
                    + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(out);
            } catch (IOException ignored) {
                // a leftover hidden .building file is overwritten by the next build
            }
        }
    }

    private static Result addCopy(Workspace ws, Release release, Path copy, String kitFile, List<PublicKey> givenKeys,
                                  String actor) throws IOException {
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
            base = base(ws, release, verified.manifest().delta().version());
        } catch (PatchbayException e) {
            throw refused(kitFile, e.getMessage());
        }
        String problem = DeltaFit.problem(copy, verified.manifest(), ws.kitFile(release.id()),
                ManifestCodec.read(release.manifestText()), ws.kitFile(base.id()));
        if (problem != null) {
            throw refused(kitFile, problem);
        }
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
    private static Release base(Workspace ws, Release release, Version baseVersion) {
        Release base = ws.releases().find(release.product(), baseVersion).orElseThrow(() -> new NotFoundException(
                "its base " + release.product() + " " + baseVersion + " is not a release of this workspace (add "
                        + "that release's kit first)"));
        if (!release.version().isNewerThan(base.version())) {
            throw new PatchbayException("its base " + base.title() + " is not older than " + release.title());
        }
        return base;
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
