package io.patchbay.model.trust;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.sign.SigningKeys;

import java.security.PublicKey;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The signing keys a site trusts, and how they came to be trusted: the keys its operator gave it (the roots)
 * and the rotation statements it accepted since, in sequence order. Pure (after python-tuf's trusted metadata
 * set): it reads no file; it takes a statement's bytes and either accepts them or refuses with one line, in a fixed
 * order: signatures, then sequence (no going back), then what the statement changes.
 *
 * <p>A rotated key stays trusted for what it signed before; a revoked one counts on a kit only when the kit was
 * made ({@code released} in its manifest) before the statement that revoked it. See
 * docs/adr/key-rotation-and-threshold.md for why that boundary.
 */
public final class KeyTrust {
    private final List<PublicKey> roots;
    private final List<RotationStatement> accepted;

    private KeyTrust(List<PublicKey> roots, List<RotationStatement> accepted) {
        this.roots = List.copyOf(roots);
        this.accepted = List.copyOf(accepted);
    }

    /** Trust in {@code roots} only: no rotation accepted yet. */
    public static KeyTrust of(Collection<PublicKey> roots) {
        return new KeyTrust(List.copyOf(roots), List.of());
    }

    /**
     * The trust a site had after accepting {@code stored} (statements kept as received), rebuilt from its roots:
     * each is judged again in sequence order, so a statement whose old key is no longer a root (an operator removed
     * it) no longer counts. Those are returned by {@link Rebuilt#dropped()}.
     */
    public static Rebuilt rebuild(Collection<PublicKey> roots, Map<String, byte[]> stored) {
        KeyTrust trust = of(roots);
        List<String> dropped = new ArrayList<>();
        List<Map.Entry<String, RotationStatement>> readable = new ArrayList<>();
        Map<String, byte[]> bytes = new LinkedHashMap<>(stored);
        for (Map.Entry<String, byte[]> e : bytes.entrySet()) {
            try {
                // Only the number, to order them: signatures are checked below against the trust at that point.
                readable.add(Map.entry(e.getKey(), RotationStatements.read(e.getValue(), e.getKey())));
            } catch (PatchbayException refused) {
                dropped.add(refused.getMessage());
            }
        }
        readable.sort(Comparator.comparingLong(e -> e.getValue().sequence()));
        for (Map.Entry<String, RotationStatement> e : readable) {
            try {
                trust = trust.accept(bytes.get(e.getKey()), e.getKey()).trust();
            } catch (PatchbayException refused) {
                dropped.add(refused.getMessage());
            }
        }
        return new Rebuilt(trust, dropped);
    }

    /** A rebuilt trust and the one-line reasons of stored statements that no longer count. */
    public record Rebuilt(KeyTrust trust, List<String> dropped) {
        public Rebuilt {
            dropped = List.copyOf(dropped);
        }
    }

    /**
     * What accepting a statement did.
     *
     * @param trust     the trust after it
     * @param statement the statement read
     * @param known     it was accepted before (kits carry their signer's statements again and again): nothing changed
     */
    public record Accepted(KeyTrust trust, RotationStatement statement, boolean known) {
    }

    /**
     * Judges a statement: both signatures, the old key trusted here ({@link RotationStatements#verify}); then its
     * sequence, which must be higher than any accepted (an older or equal one is a replay, unless it is the very
     * statement accepted before); then the old key must not have been rotated already (one successor per key: a
     * thief of a rotated or revoked key cannot name a successor of their own).
     */
    public Accepted accept(byte[] bytes, String source) {
        RotationStatement s = RotationStatements.verify(bytes, source, keys());
        String what = "rotation statement " + source;
        if (accepted.contains(s)) {
            return new Accepted(this, s, true);
        }
        long highest = highestSequence();
        if (s.sequence() <= highest) {
            throw new PatchbayException(what + " has sequence " + s.sequence() + ", not newer than " + highest
                    + ", the highest this site has accepted: refused as a replay");
        }
        Optional<RotationStatement> earlier = accepted.stream()
                .filter(a -> a.oldFingerprint().equals(s.oldFingerprint())).findFirst();
        if (earlier.isPresent()) {
            throw new PatchbayException(what + " rotates " + s.oldFingerprint() + ", which "
                    + earlier.get().title() + " already replaced: refused");
        }
        List<RotationStatement> more = new ArrayList<>(accepted);
        more.add(s);
        return new Accepted(new KeyTrust(roots, more), s, false);
    }

    /**
     * This trust after the statements a kit carries ({@code KitReader.rotationStatements}), in order. One that does
     * not hold (not rooted here, older than one taken) is passed over: it teaches nothing, and the kit stands or falls
     * by its own signatures.
     */
    public KeyTrust following(List<byte[]> statements, String source) {
        KeyTrust trust = this;
        for (byte[] statement : statements) {
            try {
                trust = trust.accept(statement, source).trust();
            } catch (PatchbayException passedOver) {
                // refused statements change nothing
            }
        }
        return trust;
    }

    /** Every trusted key: the roots, then each accepted statement's new key. Revoked keys stay (for older kits). */
    public List<PublicKey> keys() {
        List<PublicKey> keys = new ArrayList<>(roots);
        for (RotationStatement s : accepted) {
            if (keys.stream().noneMatch(k -> k.equals(s.newKey()))) {
                keys.add(s.newKey());
            }
        }
        return keys;
    }

    public List<RotationStatement> statements() {
        return accepted;
    }

    /** The highest sequence accepted; 0 before any. */
    public long highestSequence() {
        return accepted.stream().mapToLong(RotationStatement::sequence).max().orElse(0);
    }

    /** The statement that revoked {@code fingerprint}, if one did. */
    public Optional<RotationStatement> revocationOf(String fingerprint) {
        return accepted.stream().filter(s -> s.revokesOld() && s.oldFingerprint().equals(fingerprint)).findFirst();
    }

    /**
     * Of a verified kit's {@code signers}, those whose signature still counts on a kit made at {@code kitMadeAt}:
     * all but keys revoked by a statement made at or before that time.
     */
    public List<String> standingSigners(List<String> signers, Instant kitMadeAt) {
        return signers.stream().filter(f -> revocationOf(f)
                .map(r -> kitMadeAt.isBefore(r.madeAt().toInstant())).orElse(true)).toList();
    }

    /**
     * Why a kit made at {@code kitMadeAt} by {@code signers} (all revoked) is refused, in one line naming the
     * revocation and both times.
     */
    public String revokedRefusal(List<String> signers, Instant kitMadeAt) {
        RotationStatement r = signers.stream().map(this::revocationOf).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no signer of " + signers + " is revoked"));
        return "signed only by " + String.join(" and ", signers) + ", revoked by " + r.title() + " made "
                + DateTimeFormatter.ISO_ZONED_DATE_TIME.format(r.madeAt()) + "; this kit was made after it (released "
                + kitMadeAt + "): a revoked key signs nothing new (" + r.newFingerprint() + " signs from then on)";
    }

    /** Fingerprints of the keys trusted, in order; for messages and tests. */
    public List<String> fingerprints() {
        return keys().stream().map(SigningKeys::fingerprint).toList();
    }
}
