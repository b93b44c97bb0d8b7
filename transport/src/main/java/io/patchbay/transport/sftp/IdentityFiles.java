package io.patchbay.transport.sftp;

import io.patchbay.model.PatchbayException;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Loads a private key file (OpenSSH or PEM; ed25519, RSA, ECDSA) into key pairs, with readable refusals. */
final class IdentityFiles {
    private IdentityFiles() {
    }

    /** Thrown inside MINA's decoder when a key needs a passphrase nobody gave. */
    private static final class PassphraseNeeded extends IOException {
        private static final long serialVersionUID = 1L;
    }

    static List<KeyPair> load(Path file, Optional<char[]> passphrase) {
        if (!Files.isRegularFile(file)) {
            throw new PatchbayException("identity file not found: " + file);
        }
        FilePasswordProvider provider = (session, resource, retryIndex) -> {
            if (passphrase.isEmpty()) {
                throw new PassphraseNeeded();
            }
            // MINA's decoder takes a String; it lives only for this call.
            return new String(passphrase.get());
        };
        List<KeyPair> pairs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in, provider);
            if (loaded != null) {
                loaded.forEach(pairs::add);
            }
        } catch (PassphraseNeeded e) {
            throw new PatchbayException("identity file " + file + " is protected by a passphrase; supply the passphrase");
        } catch (NoSuchFileException e) {
            throw new PatchbayException("identity file not found: " + file);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (passphrase.isPresent()) {
                throw new PatchbayException("cannot decrypt identity file " + file + ": wrong passphrase or damaged key", e);
            }
            throw new PatchbayException("cannot read identity file " + file + " as a private key: " + firstLine(e), e);
        }
        if (pairs.isEmpty()) {
            throw new PatchbayException("no private key found in identity file " + file);
        }
        return pairs;
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
