package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.sign.SigningKeys;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The signer keys a workspace trusts: the public key files ({@code *.pub}, X.509 PEM) in its
 * {@code trust/} folder. {@code release add} accepts only kits signed by one of them; the first kit added
 * to a workspace that trusts nobody pins its own signer (trust on first use).
 */
public final class TrustedSigners {
    public static final String FOLDER = "trust";

    private final Path dir;

    public TrustedSigners(Path workspaceDir) {
        this.dir = workspaceDir.resolve(FOLDER);
    }

    public Path dir() {
        return dir;
    }

    /** Every trusted key; a file that is not an Ed25519 public key is refused with its name. */
    public List<PublicKey> keys() {
        List<PublicKey> keys = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return keys;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.pub")) {
            for (Path f : files) {
                keys.add(SigningKeys.readPublic(f));
            }
        } catch (IOException e) {
            throw new PatchbayException("cannot read trusted keys in " + dir + ": " + e.getMessage(), e);
        }
        return keys;
    }

    public boolean trusts(PublicKey key) {
        return keys().stream().anyMatch(k -> java.util.Arrays.equals(k.getEncoded(), key.getEncoded()));
    }

    /** Pins {@code key} (no-op when already trusted); returns the file that holds it. */
    public Path pin(PublicKey key) {
        String fp = SigningKeys.fingerprint(key);
        Path file = dir.resolve("signer-" + fp.substring("SHA256:".length()).replaceAll("[^A-Za-z0-9]", "_")
                .substring(0, 16) + ".pub");
        if (trusts(key)) {
            return file;
        }
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            SigningKeys.writePublic(tmp, key);
            io.patchbay.model.io.AtomicFiles.moveAtomically(tmp, file);
            return file;
        } catch (IOException e) {
            throw new PatchbayException("cannot pin signer " + fp + " in " + dir + ": " + e.getMessage(), e);
        }
    }
}
