package io.patchbay.agent.receive;

import io.patchbay.agent.home.AgentHome;
import io.patchbay.agent.home.TrustStore;
import io.patchbay.agent.log.AgentLog;
import io.patchbay.model.NotFoundException;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.bundle.BundleKind;
import io.patchbay.model.bundle.BundleManifest;
import io.patchbay.model.bundle.BundleVerifier;
import io.patchbay.model.io.FileTrees;
import io.patchbay.model.io.IoFailure;
import io.patchbay.model.kit.KitReader;
import io.patchbay.model.kit.UntrustedSignerException;
import io.patchbay.model.pull.PullNotices;
import io.patchbay.model.trust.RotationStatements;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code agent import}: a bundle carried to a site without a network. The whole bundle is verified first (signed by
 * a key this site trusts, for this site, every file whole: {@link BundleVerifier}) while this site's files are
 * unpacked into {@link AgentHome#imports()}; only then does each file, in the bundle's order, go to the same intake
 * as a file from the inbox ({@code kit}: {@link KitReceiver}, {@code notice}: {@link PullNoticeReceiver},
 * {@code rotation}: {@link RotationReceiver}, key rotations first as the workstation orders them), which
 * verifies each kit again exactly as an online one. A refused bundle hands over nothing. The bundle itself is only
 * read, so it may sit on a read-only medium.
 */
public final class BundleImport {

    /** What became of one file of the bundle: its entry and a line saying so. */
    public record Taken(BundleManifest.Entry entry, Outcome outcome, String detail) {
    }

    /** How a file's intake ended. */
    public enum Outcome {
        /** Registered as a new patch, or a pull notice recorded. */
        TAKEN,
        /** Already registered (imported before, or delivered online too). */
        ALREADY_THERE,
        /** The site refused the kit or notice (the detail says why); final, as for any kit. */
        REFUSED,
        /** This machine failed (disk, permission); importing the bundle again retries it. */
        FAILED
    }

    private final AgentHome home;
    private final String site;
    private final Collection<PublicKey> trusted;

    public BundleImport(AgentHome home, String site, Collection<PublicKey> trusted) {
        this.home = home;
        this.site = site;
        this.trusted = trusted;
    }

    /**
     * Verifies {@code bundle}, then hands this site's files to {@code kits} and {@code notices} in order.
     *
     * @throws PatchbayException when the bundle is refused (nothing was handed over)
     */
    public List<Taken> run(Path bundle, Function<Path, Optional<KitReceiver.Received>> kits,
                           Function<Path, Optional<PullNoticeReceiver.Outcome>> notices,
                           Function<Path, Optional<RotationReceiver.Outcome>> rotations) throws IOException {
        if (!Files.isRegularFile(bundle)) {
            throw new NotFoundException("no such bundle: " + bundle);
        }
        Files.createDirectories(home.imports());
        Path unpacked = Files.createTempDirectory(home.imports(), "bundle-");
        try {
            BundleVerifier.Verified verified = verify(bundle, unpacked);
            AgentLog.of(home).event(AgentLog.Event.RECEIVE, "bundle " + bundle.getFileName() + " signed by "
                    + String.join(", ", verified.signers()) + ": " + verified.manifest().entriesFor(site).size()
                    + " file(s) for " + site);
            List<Taken> taken = new ArrayList<>();
            for (BundleManifest.Entry e : verified.manifest().entriesFor(site)) {
                Path file = unpacked.resolve(e.file());
                if (RotationStatements.isStatementFileName(e.file())) {
                    taken.add(rotation(e, rotations.apply(file)));
                } else {
                    taken.add(PullNotices.isNoticeFileName(e.file()) ? notice(e, notices.apply(file))
                            : kit(e, kits.apply(file)));
                }
            }
            return taken;
        } finally {
            FileTrees.delete(unpacked);
        }
    }

    private BundleVerifier.Verified verify(Path bundle, Path unpacked) throws IOException {
        try (KitReader reader = KitReader.open(bundle)) {
            // The bundle may be signed with a key that rotated since this site last heard: the statements it
            // carries (each signed by the key it rotates) name the keys it may be verified with. They are recorded
            // only later, in order, as the inbox records them.
            Set<PublicKey> keys = new LinkedHashSet<>(trusted);
            keys.addAll(new TrustStore(home).read().following(BundleVerifier.claimedRotations(reader, site),
                    bundle.getFileName().toString()).keys());
            return BundleVerifier.verify(reader, BundleKind.DELIVERY, keys, site,
                    e -> Files.newOutputStream(unpacked.resolve(e.file())));
        } catch (UntrustedSignerException e) {
            throw e.withHint("add its public key with `init --trust` or into " + home.trust());
        } catch (IoFailure e) {
            throw e;
        } catch (PatchbayException e) {
            // Refused before any file was handed over: the bundle is wrong, or cut short on its way here.
            throw new PatchbayException("bundle " + bundle.getFileName() + " refused: " + e.getMessage(), e);
        }
    }

    private static Taken kit(BundleManifest.Entry e, Optional<KitReceiver.Received> received) {
        if (received.isEmpty()) {
            return new Taken(e, Outcome.ALREADY_THERE, "not taken: the file vanished meanwhile");
        }
        KitReceiver.Received r = received.get();
        return switch (r.kind()) {
            case REGISTERED -> new Taken(e, Outcome.TAKEN, "registered: " + r.patch().state().word()
                    + (r.patch().reason() == null ? "" : " (" + r.patch().reason() + ")"));
            case DUPLICATE -> new Taken(e, Outcome.ALREADY_THERE, "already registered as " + r.patch().id());
            case REJECTED -> new Taken(e, Outcome.REFUSED, "refused: " + r.patch().reason());
            case FAILED -> new Taken(e, Outcome.FAILED, r.patch().reason());
        };
    }

    private static Taken rotation(BundleManifest.Entry e, Optional<RotationReceiver.Outcome> received) {
        if (received.isEmpty()) {
            return new Taken(e, Outcome.FAILED, "not taken: it could not be read on this machine");
        }
        RotationReceiver.Outcome o = received.get();
        if (!o.accepted()) {
            return new Taken(e, Outcome.REFUSED, "refused: " + o.refusal());
        }
        return new Taken(e, o.known() ? Outcome.ALREADY_THERE : Outcome.TAKEN, o.known() ? "already accepted"
                : "accepted: " + o.statement().newFingerprint() + " is trusted from now on");
    }

    private static Taken notice(BundleManifest.Entry e, Optional<PullNoticeReceiver.Outcome> received) {
        if (received.isEmpty()) {
            return new Taken(e, Outcome.ALREADY_THERE, "not taken: the file vanished meanwhile");
        }
        PullNoticeReceiver.Outcome o = received.get();
        if (!o.accepted()) {
            return new Taken(e, Outcome.REFUSED, "refused: " + o.refusal());
        }
        return new Taken(e, o.first() ? Outcome.TAKEN : Outcome.ALREADY_THERE,
                o.first() ? "recorded: the release is pulled here" : "already recorded");
    }
}
