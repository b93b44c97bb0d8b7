package io.patchbay.model.kit.sign;

import io.patchbay.model.NotFoundException;
import io.patchbay.model.PatchbayException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ed25519 signing keys with the JDK's own EdDSA: private keys as PKCS#8 PEM (created with mode 600,
 * so never readable by others even for a moment), public keys as X.509 SubjectPublicKeyInfo PEM.
 */
public final class SigningKeys {
    public static final String PRIVATE_FILE = "signing.key";
    public static final String PUBLIC_FILE = "signing.pub";
    private static final String ALGORITHM = "Ed25519";
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----\\s*");

    private SigningKeys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no Ed25519", e);
        }
    }

    /**
     * Writes {@code dir/signing.key} (mode 600) and {@code dir/signing.pub}; refuses when either exists.
     *
     * @return the new key pair
     */
    public static KeyPair init(Path dir) throws IOException {
        return init(dir, generate());
    }

    /** Writes {@code pair} as {@code dir/signing.key} (mode 600) and {@code dir/signing.pub}; refuses when either exists. */
    public static KeyPair init(Path dir, KeyPair pair) throws IOException {
        Path privateFile = dir.resolve(PRIVATE_FILE);
        Path publicFile = dir.resolve(PUBLIC_FILE);
        for (Path p : new Path[]{privateFile, publicFile}) {
            if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new PatchbayException("refusing to overwrite the existing key " + p);
            }
        }
        Files.createDirectories(dir);
        writePrivate(privateFile, pair.getPrivate());
        try {
            writeNew(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()), false);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(privateFile);
            throw e;
        }
        return pair;
    }

    /** Writes a private key to a new file that is created with mode 600 (owner read/write only). */
    public static void writePrivate(Path file, PrivateKey key) throws IOException {
        writeNew(file, pem("PRIVATE KEY", key.getEncoded()), true);
    }

    public static void writePublic(Path file, PublicKey key) throws IOException {
        writeNew(file, pem("PUBLIC KEY", key.getEncoded()), false);
    }

    private static void writeNew(Path file, String content, boolean secret) throws IOException {
        try (FileChannel ch = secret && isPosix(file)
                ? FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             OutputStream out = Channels.newOutputStream(ch)) {
            out.write(content.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ch.force(true);
        } catch (FileAlreadyExistsException e) {
            throw new PatchbayException("refusing to overwrite the existing key " + file);
        }
    }

    private static boolean isPosix(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        return Files.getFileAttributeView(dir, java.nio.file.attribute.PosixFileAttributeView.class) != null;
    }

    public static PrivateKey readPrivate(Path file) throws IOException {
        byte[] der = readPem(file, "PRIVATE KEY", "a PKCS#8 private key");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new PatchbayException(file + " is not an Ed25519 private key");
        }
    }

    public static PublicKey readPublic(Path file) throws IOException {
        return publicKey(readPem(file, "PUBLIC KEY", "an X.509 public key"), file.toString());
    }

    /** A public key from its X.509 SubjectPublicKeyInfo bytes; {@code what} names it in errors. */
    /** Every key of {@code files} (a command's repeated --trust), in order; the first unreadable file refuses. */
    public static List<PublicKey> readPublic(List<Path> files) throws IOException {
        List<PublicKey> keys = new ArrayList<>();
        for (Path file : files) {
            keys.add(readPublic(file));
        }
        return List.copyOf(keys);
    }

    public static PublicKey publicKey(byte[] spki, String what) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new PatchbayException(what + " is not an Ed25519 public key");
        }
    }

    /**
     * The public half of an Ed25519 private key. The JDK has no direct call for this, so the key pair
     * generator is fed the private key's seed as its "random" bytes: it then derives the same pair.
     */
    public static PublicKey publicKeyOf(PrivateKey key) {
        if (!(key instanceof java.security.interfaces.EdECPrivateKey ed) || ed.getBytes().isEmpty()) {
            throw new PatchbayException("not an Ed25519 private key");
        }
        byte[] seed = ed.getBytes().get();
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(java.security.spec.NamedParameterSpec.ED25519, new java.security.SecureRandom() {
                private static final long serialVersionUID = 1L;

                @Override
                public void nextBytes(byte[] bytes) {
                    System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
                }
            });
            KeyPair pair = generator.generateKeyPair();
            if (!java.util.Arrays.equals(pair.getPrivate().getEncoded(), key.getEncoded())) {
                throw new IllegalStateException("could not derive the Ed25519 public key");
            }
            return pair.getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A short name for a public key to show signers: {@code SHA256:} + base64 of the SPKI's digest. */
    public static String fingerprint(PublicKey key) {
        return fingerprint(key.getEncoded());
    }

    public static String fingerprint(byte[] spki) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(spki);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readPem(Path file, String type, String what) throws IOException {
        String text;
        try {
            if (Files.size(file) > 16 * 1024) {
                throw new PatchbayException(file + " is too large to be a key");
            }
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new NotFoundException("no such key file: " + file);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new PatchbayException(file + " is not a PEM file");
        }
        Matcher m = PEM.matcher(text);
        if (!m.matches()) {
            throw new PatchbayException(file + " is not a PEM file");
        }
        if (!m.group(1).equals(type)) {
            // The PEM label is shouting capitals ("OPENSSH PRIVATE KEY"): quote it rather than put "a" before it.
            throw new PatchbayException(file + " holds a PEM \"" + m.group(1) + "\" block, not " + what
                    + " (a kit signing key pair is made by `patchbay keys init`)");
        }
        try {
            return Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new PatchbayException(file + " is not a PEM file: bad base64");
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
