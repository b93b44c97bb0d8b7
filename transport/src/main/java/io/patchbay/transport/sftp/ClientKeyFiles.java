package io.patchbay.transport.sftp;

import io.patchbay.model.PatchbayException;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;

/**
 * SSH login keys as OpenSSH keeps them: {@code id_ed25519} (OpenSSH private key format, mode 600) beside
 * {@code id_ed25519.pub} (one {@code ssh-ed25519 AAAA... comment} line, the form authorized_keys takes).
 * What {@code ssh-keygen -t ed25519 -N ""} makes, for machines without OpenSSH (the demo sites).
 */
public final class ClientKeyFiles {
    private ClientKeyFiles() {
    }

    /** Creates a new unencrypted ed25519 key pair; refuses to overwrite either file. */
    public static PublicKey generate(Path privateFile, String comment) {
        Path publicFile = publicFileOf(privateFile);
        for (Path p : new Path[]{privateFile, publicFile}) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new PatchbayException("refusing to overwrite the existing key " + p);
            }
        }
        try {
            KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
            ByteArrayOutputStream priv = new ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, comment, null, priv);
            ByteArrayOutputStream pub = new ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePublicKey(pair.getPublic(), comment, pub);
            Files.createDirectories(privateFile.toAbsolutePath().getParent());
            writeNew(privateFile, priv.toByteArray(), true);
            try {
                writeNew(publicFile, pub.toByteArray(), false);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(privateFile);
                throw e;
            }
            return pair.getPublic();
        } catch (IOException | GeneralSecurityException e) {
            throw new PatchbayException("cannot create the SSH key " + privateFile + ": " + e.getMessage(), e);
        }
    }

    /** The public key of an OpenSSH {@code .pub} or authorized_keys line (the first key in the file). */
    public static PublicKey readPublic(Path publicFile) {
        try {
            String line = Files.readAllLines(publicFile, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst()
                    .orElseThrow(() -> new PatchbayException("no public key in " + publicFile));
            return PublicKeyEntry.parsePublicKeyEntry(line).resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new PatchbayException("cannot read the SSH public key " + publicFile + ": " + e.getMessage(), e);
        }
    }

    /** {@code id_ed25519} -> {@code id_ed25519.pub}. */
    public static Path publicFileOf(Path privateFile) {
        return privateFile.resolveSibling(privateFile.getFileName() + ".pub");
    }

    private static void writeNew(Path file, byte[] content, boolean secret) throws IOException {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (secret && posix) {
            // Created with mode 600 from the start: never readable by others, not even for a moment.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(content);
        }
    }
}
