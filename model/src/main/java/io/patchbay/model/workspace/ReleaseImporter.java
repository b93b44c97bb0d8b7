package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.kit.KitInfo;
import io.patchbay.model.kit.KitLayout;
import io.patchbay.model.kit.KitReader;
import io.patchbay.model.kit.ManifestCodec;
import io.patchbay.model.kit.VerifiedKit;
import io.patchbay.model.kit.zip.ZipEntryHeader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Collection;
import java.util.Locale;

/**
 * Adds a kit file to a workspace as a release, the one way both {@code patchbay release add} and the
 * desktop client do it: verify the kit against the trusted keys (nothing is recorded for a kit that
 * fails), refuse a version the workspace already has, copy the kit into {@code kits/} under its
 * canonical name ({@code Product-Version.kit}, written atomically), then record it. If recording fails,
 * the copy is removed again, so nothing is left half-added.
 */
public final class ReleaseImporter {
    private final Workspace workspace;

    public ReleaseImporter(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Verifies and records the kit; returns the new release. Slow (reads the whole kit twice). */
    public Release add(Path kit, Collection<PublicKey> trusted, String actor) throws IOException {
        if (trusted.isEmpty()) {
            throw new PatchbayException("no trusted public key: choose the key the kit must be signed with");
        }
        VerifiedKit verified = KitReader.verify(kit, trusted);
        var manifest = verified.manifest();
        workspace.releases().find(manifest.product(), manifest.version()).ifPresent(existing -> {
            throw new PatchbayException("release already in the workspace: " + existing.title());
        });
        String manifestText = manifestText(kit);
        KitInfo info = KitInfo.inspect(kit);
        String fileName = kitFileName(manifest.product(), manifest.version().toString());
        Path target = workspace.kitsDir().resolve(fileName);
        if (Files.exists(target)) {
            throw new PatchbayException("kit file name already used in " + workspace.kitsDir() + ": " + fileName);
        }
        AtomicFiles.write(target, out -> Files.copy(kit, out));
        try {
            return workspace.releases().add(new NewRelease(manifest, manifestText, fileName, info.sha256(),
                    info.fileSize(), verified.signerFingerprint()), actor);
        } catch (RuntimeException e) {
            Files.deleteIfExists(target);
            throw e;
        }
    }

    /** {@code Spruce-12.10.11.kit}: the product's letters, digits, dot, dash and underscore, then the version. */
    public static String kitFileName(String product, String version) {
        String safe = product.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.isEmpty() || !Character.isLetterOrDigit(safe.charAt(0))) {
            safe = "kit" + safe;
        }
        return safe + "-" + version.toLowerCase(Locale.ROOT) + ".kit";
    }

    /** kit.ini exactly as signed (the release keeps its text). */
    private static String manifestText(Path kit) throws IOException {
        try (KitReader reader = KitReader.open(kit)) {
            for (ZipEntryHeader e : reader.archive().entries()) {
                if (e.name().equals(KitLayout.MANIFEST)) {
                    try (InputStream in = reader.open(e, ManifestCodec.MAX_BYTES)) {
                        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }
            }
        }
        throw new PatchbayException("not a kit: no " + KitLayout.MANIFEST);
    }
}
