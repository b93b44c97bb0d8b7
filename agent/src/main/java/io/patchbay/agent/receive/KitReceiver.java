package io.patchbay.agent.receive;

import io.patchbay.model.io.FileTrees;
import io.patchbay.agent.log.LogText;
import io.patchbay.agent.log.AgentLog;
import io.patchbay.agent.home.AgentHome;
import io.patchbay.agent.home.TrustStore;
import io.patchbay.agent.registry.PatchEvent;
import io.patchbay.agent.registry.PatchRecord;
import io.patchbay.agent.registry.Registry;
import io.patchbay.agent.upgrade.SelfUpgrade;
import io.patchbay.agent.registry.RegistryStore;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.io.FileHashes;
import io.patchbay.model.io.IoFailure;
import io.patchbay.model.kit.DeltaApplier;
import io.patchbay.model.kit.KitExtractor;
import io.patchbay.model.kit.VerifiedKit;
import io.patchbay.model.trust.KeyTrust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Takes one kit file out of the inbox: verifies and extracts it ({@link KitExtractor}) into its patch folder
 * {@code patches/<id>/kit/}, keeps the original beside it, and registers the patch from its {@code kit.ini}. A delta
 * kit is verified whole ({@link DeltaApplier#verify}) and registered as a patch of its release, unextracted: its
 * staging folder is made from the installed files when it installs ({@code StagedKit}).
 * A refused kit (its bytes do not verify, or it is of a product this site does not serve) moves to
 * {@code rejected/} with {@code <kit>.reason.txt} beside it and is registered as REJECTED, so the site's list and
 * the workstation both see why. A failure of this machine is not a refusal: see {@link #receive}. A kit whose
 * SHA-256 is already registered is removed from the inbox and not registered twice.
 */
public final class KitReceiver {

    /** What became of one kit file. */
    public record Received(Kind kind, PatchRecord patch) {
        public enum Kind {
            REGISTERED, REJECTED, DUPLICATE,
            /** This machine failed (disk, permission): the kit stays in the inbox; the patch is not in the registry. */
            FAILED
        }
    }

    private final AgentHome home;
    private final RegistryStore registry;
    private final TrustStore trust;
    private final RotationReceiver rotations;
    private final IntSupplier requiredSignatures;
    private final Clock clock;

    /** @param requiredSignatures how many distinct trusted keys must have signed a kit (the site policy's) */
    public KitReceiver(AgentHome home, RegistryStore registry, TrustStore trust, IntSupplier requiredSignatures,
                       Clock clock) {
        this.requiredSignatures = requiredSignatures;
        this.home = home;
        this.registry = registry;
        this.trust = trust;
        this.rotations = new RotationReceiver(home, trust);
        this.clock = clock;
    }

    /**
     * Receives {@code file}; empty when it vanished meanwhile (another process took it). A failure of this machine
     * (disk full, permission denied) is {@link Received.Kind#FAILED}: the kit stays in the inbox, nothing of it is
     * registered, and a later tick tries again; only the kit's own bytes (or its product) make it REJECTED.
     */
    public Optional<Received> receive(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String kit = safeName(file.getFileName().toString());
        String sha = null;
        try {
            sha = FileHashes.sha256(file);
            return Optional.of(take(file, kit, sha));
        } catch (IOException | IoFailure e) {
            IoFailure failure = e instanceof IoFailure f ? f : IoFailure.of("receiving " + kit, (IOException) e);
            if (!Files.isRegularFile(file)) {
                return Optional.empty(); // another process took it meanwhile: its failure is not ours to report
            }
            AgentLog.of(home).event(AgentLog.Event.RECEIVE, "could not receive " + kit + ", will retry: "
                    + failure.getMessage());
            return Optional.of(new Received(Received.Kind.FAILED, PatchRecord.failedOnReceipt(kit, sha,
                    "site " + failure.getMessage() + "; the kit stays in the inbox and is tried again", clock.instant())));
        }
    }

    /** Verifies, extracts and registers; on a failure of this machine the kit is back in the inbox. */
    private Received take(Path file, String kit, String sha) throws IOException {
        Optional<PatchRecord> known = registry.read().bySha(sha);
        if (known.isPresent()) {
            AgentLog.of(home).event(AgentLog.Event.RECEIVE, file.getFileName() + " is already registered as "
                    + known.get().id() + "; removed from the inbox");
            Files.deleteIfExists(file);
            return new Received(Received.Kind.DUPLICATE, known.get());
        }
        String id = stem(kit) + "-" + sha.substring(0, 12);
        Path folder = home.patches().resolve(id);
        Path kept = folder.resolve(kit);
        boolean moved = false;
        // Read before judging the kit: a policy this machine cannot read is its failure, never the kit's.
        int required = requiredSignatures.getAsInt();
        try {
            VerifiedKit verified;
            KeyTrust keys;
            try {
                // The kit's rotation statements first: a kit signed by a new key is checked with the key it names.
                rotations.fromKit(file, kit);
                keys = trust.read();
                FileTrees.delete(folder);
                Files.createDirectories(folder);
                // A delta is checked whole now and applied when it installs: its files come from the installed
                // release, which may change before then. Every check below holds for it as for a full kit.
                verified = DeltaApplier.isDeltaKit(file) ? DeltaApplier.verify(file, keys.keys())
                        : KitExtractor.extract(file, keys.keys(), folder.resolve("kit"));
            } catch (IoFailure e) {
                throw e;
            } catch (PatchbayException e) {
                FileTrees.delete(folder);
                return reject(file, kit, sha, id, e.getMessage());
            }
            // A key revoked by a rotation signs nothing made after the statement (see KeyTrust).
            List<String> signers = keys.standingSigners(verified.signers(), verified.manifest().released());
            if (signers.isEmpty()) {
                FileTrees.delete(folder);
                return reject(file, kit, sha, id, keys.revokedRefusal(verified.signers(), verified.manifest().released()));
            }
            if (signers.size() < required) {
                FileTrees.delete(folder);
                return reject(file, kit, sha, id, "signed by " + signers.size() + " key"
                        + (signers.size() == 1 ? "" : "s") + " this site trusts ("
                        + String.join(", ", signers) + "); its policy requires " + required
                        + " (another signer adds one with `patchbay kit sign`)");
            }
            String product = verified.manifest().product();
            // The agent's own upgrades are served on every site and pin nothing.
            if (!SelfUpgrade.PRODUCT.equals(product)) {
                // Pinned before the kit moves: two processes receiving kits of two products at once cannot both pin.
                Registry pinned = registry.update(r -> r.serves(product) ? r.withProduct(product) : r);
                if (!pinned.products().contains(product)) {
                    FileTrees.delete(folder);
                    return reject(file, kit, sha, id, "a kit of " + product + ", which this site does not serve: "
                            + "its agent serves " + String.join(", ", pinned.products()) + " only");
                }
            }
            AtomicFiles.moveAtomically(file, kept);
            moved = true;
            PatchRecord record = PatchRecord.received(id, kit, sha, verified.manifest(),
                    home.dir().relativize(folder).toString(), clock.instant());
            Registry after = registry.transition(PatchEvent.REGISTERED, r -> r.bySha(sha).isPresent() ? r : r.with(record));
            AgentLog.of(home).event(AgentLog.Event.RECEIVE, record.title() + " (" + kit + ") signed by "
                    + verified.signerFingerprint());
            PatchRecord registered = after.bySha(sha).orElseThrow();
            return new Received(registered.id().equals(id) ? Received.Kind.REGISTERED : Received.Kind.DUPLICATE,
                    registered);
        } catch (IOException | IoFailure e) {
            if (moved) {
                AtomicFiles.moveAtomically(kept, file); // the registry did not take it: back to the inbox
            }
            try {
                FileTrees.delete(folder);
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private Received reject(Path file, String kit, String sha, String id, String why) throws IOException {
        Files.createDirectories(home.rejected());
        Path target = home.rejected().resolve(kit);
        if (Files.exists(target)) {
            target = home.rejected().resolve(id + ".kit");
        }
        // The reason first: a kit in rejected/ always has its reason beside it, even if the disk fills meanwhile.
        AtomicFiles.write(target.resolveSibling(target.getFileName() + ".reason.txt"),
                (why + "\n").getBytes(StandardCharsets.UTF_8));
        AtomicFiles.moveAtomically(file, target);
        PatchRecord record = PatchRecord.rejected(id, kit, sha, why, clock.instant());
        registry.transition(PatchEvent.REFUSED_ON_RECEIPT, r -> r.bySha(sha).isPresent() ? r : r.with(record));
        AgentLog.of(home).event(AgentLog.Event.REFUSE, kit + ": " + why);
        return new Received(Received.Kind.REJECTED, record);
    }

    /** Report and folder names must stay inside their folders: anything else becomes '_'. */
    static String safeName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        while (safe.startsWith(".")) {
            safe = safe.substring(1);
        }
        return safe.isEmpty() ? "kit" : safe;
    }

    private static String stem(String kit) {
        return kit.endsWith(".kit") ? kit.substring(0, kit.length() - 4) : kit;
    }
}
