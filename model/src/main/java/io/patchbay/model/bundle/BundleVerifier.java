package io.patchbay.model.bundle;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.IoFailure;
import io.patchbay.model.json.Json;
import io.patchbay.model.kit.ChecksumList;
import io.patchbay.model.kit.KitLayout;
import io.patchbay.model.kit.KitSignature;
import io.patchbay.model.trust.RotationStatements;
import io.patchbay.model.kit.KitSource;
import io.patchbay.model.kit.SignedEntries;
import io.patchbay.model.kit.zip.ZipEntryHeader;

import java.io.IOException;
import java.io.OutputStream;
import java.security.PublicKey;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A bundle's trust core, as {@link io.patchbay.model.kit.KitVerifier} is a kit's and with the same steps
 * ({@link SignedEntries}): no I/O of its own, nothing believed before it is checked, in a fixed order: structure,
 * the signature by a trusted key, the manifest, that it is for this site, the checksum list against the archive
 * and the manifest, then every file's bytes. Throws a {@link PatchbayException} whose one line says why; the kits
 * inside are then verified one by one as any kit is, by the site's intake.
 */
public final class BundleVerifier {

    /** Receives a verified file's bytes while they are hashed; they count only when verification returns. */
    public interface FileSink {
        /** Where to copy the entry's bytes; null to only check them. */
        OutputStream open(BundleManifest.Entry entry) throws IOException;
    }

    /** A bundle that verified: its manifest and the trusted keys that signed it. */
    public record Verified(BundleManifest manifest, List<String> signers) {
    }

    private BundleVerifier() {
    }

    /**
     * Verifies a bundle of {@code kind} carried to (or, for a report, from) {@code site}; {@code sink} receives the
     * files meant for it.
     */
    public static Verified verify(KitSource bundle, BundleKind kind, Collection<PublicKey> trusted, String site,
                                  FileSink sink) {
        try {
            Map<String, ZipEntryHeader> entries = SignedEntries.byName(bundle, BundleLayout::isKnownEntry, "bundle");
            for (String required : List.of(BundleLayout.SIGNATURE, BundleLayout.MANIFEST, KitLayout.CHECKSUMS)) {
                if (!entries.containsKey(required)) {
                    throw new PatchbayException(required.equals(BundleLayout.SIGNATURE)
                            ? "the bundle is not signed: no " + required : "missing entry " + required);
                }
            }
            byte[] manifestBytes = SignedEntries.readSmall(bundle, entries.get(BundleLayout.MANIFEST),
                    BundleLayout.MAX_MANIFEST_BYTES, BundleLayout.MANIFEST + " is too large");
            byte[] checksumBytes = SignedEntries.readSmall(bundle, entries.get(KitLayout.CHECKSUMS),
                    ChecksumList.MAX_BYTES, KitLayout.CHECKSUMS + " is too large");
            KitSignature signature;
            try {
                signature = KitSignature.parse(SignedEntries.readSmall(bundle, entries.get(BundleLayout.SIGNATURE),
                        KitSignature.MAX_BYTES, BundleLayout.SIGNATURE + " is too large"));
            } catch (PatchbayException e) {
                throw new PatchbayException(e.getMessage().replace(KitLayout.SIGNATURE, BundleLayout.SIGNATURE), e);
            }
            List<String> signers = kind.signed().checkSignatures(signature, trusted, manifestBytes, checksumBytes);
            BundleManifest manifest = parse(manifestBytes);
            if (manifest.kind() != kind) {
                throw new PatchbayException("a " + manifest.kind().word() + ", not a " + kind.word());
            }
            if (site != null && !manifest.sites().contains(site)) {
                throw new PatchbayException(kind == BundleKind.REPORT
                        ? "a report of site " + String.join(", ", manifest.sites()) + ", not of " + site
                        : "a bundle for " + String.join(", ", manifest.sites()) + ", not for this site (" + site + ")");
            }
            ChecksumList checksums = ChecksumList.parse(checksumBytes);
            kind.signed().checkListAgainstArchive(checksums, entries);
            Set<String> files = manifest.entries().stream().map(BundleManifest.Entry::archiveName)
                    .collect(Collectors.toSet());
            for (String name : entries.keySet()) {
                if (name.startsWith(BundleLayout.FILES) && !files.contains(name)) {
                    throw new PatchbayException("entry " + name + " is not in " + BundleLayout.MANIFEST);
                }
            }
            Map<String, ChecksumList.Line> listed = checksums.byName();
            if (!listed.containsKey(BundleLayout.MANIFEST)) {
                throw new PatchbayException(BundleLayout.MANIFEST + " is not in " + KitLayout.CHECKSUMS);
            }
            SignedEntries.checkContent(bundle, entries.get(BundleLayout.MANIFEST), listed.get(BundleLayout.MANIFEST),
                    OutputStream.nullOutputStream());
            for (BundleManifest.Entry e : manifest.entries()) {
                ZipEntryHeader entry = entries.get(e.archiveName());
                if (entry == null) {
                    throw new PatchbayException("missing entry " + e.archiveName() + " (listed in "
                            + BundleLayout.MANIFEST + ")");
                }
                OutputStream target = sink == null || (site != null && !e.isFor(site)) ? null : sink.open(e);
                try (OutputStream out = target == null ? OutputStream.nullOutputStream() : target) {
                    SignedEntries.checkContent(bundle, entry, listed.get(e.archiveName()), out);
                }
            }
            return new Verified(manifest, signers);
        } catch (IOException e) {
            // Reading the bundle or writing its files failed on this machine: the bundle's bytes were not judged.
            throw IoFailure.of("reading the bundle", e);
        }
    }

    /**
     * The manifest as the bundle states it, NOT verified: only to choose which key to verify a report with (the one
     * of the site it names); {@link #verify} then checks it was signed by that key.
     */
    public static BundleManifest claimed(KitSource bundle) {
        try {
            Map<String, ZipEntryHeader> entries = SignedEntries.byName(bundle, BundleLayout::isKnownEntry, "bundle");
            ZipEntryHeader m = entries.get(BundleLayout.MANIFEST);
            if (m == null) {
                throw new PatchbayException("missing entry " + BundleLayout.MANIFEST);
            }
            return parse(SignedEntries.readSmall(bundle, m, BundleLayout.MAX_MANIFEST_BYTES,
                    BundleLayout.MANIFEST + " is too large"));
        } catch (IOException e) {
            throw IoFailure.of("reading the bundle", e);
        }
    }

    /**
     * The key rotation statements ({@code *.rotation}) the bundle carries for {@code site}, in the manifest's order,
     * NOT verified as part of the bundle: each is signed on its own by the key it rotates, so a site may learn from
     * them which keys to verify the bundle with (a bundle signed with a key that rotated since the site last heard).
     * A statement that does not hold teaches nothing; {@link #verify} then judges the whole bundle.
     */
    public static List<byte[]> claimedRotations(KitSource bundle, String site) {
        try {
            Map<String, ZipEntryHeader> entries = SignedEntries.byName(bundle, BundleLayout::isKnownEntry, "bundle");
            List<byte[]> statements = new java.util.ArrayList<>();
            for (BundleManifest.Entry e : claimed(bundle).entriesFor(site)) {
                ZipEntryHeader entry = entries.get(e.archiveName());
                if (entry != null && RotationStatements.isStatementFileName(e.file())) {
                    statements.add(SignedEntries.readSmall(bundle, entry, RotationStatements.MAX_BYTES,
                            e.file() + " is too large"));
                }
            }
            return statements;
        } catch (IOException e) {
            throw IoFailure.of("reading the bundle", e);
        }
    }

    private static BundleManifest parse(byte[] bytes) {
        try {
            return Json.mapper().readValue(bytes, BundleManifest.class);
        } catch (IOException e) {
            Throwable cause = e.getCause() instanceof PatchbayException p ? p : e;
            throw new PatchbayException(BundleLayout.MANIFEST + " is malformed: "
                    + cause.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
