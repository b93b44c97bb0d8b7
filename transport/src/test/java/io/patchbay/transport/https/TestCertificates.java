package io.patchbay.transport.https;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * A throwaway CA and a server certificate for {@code localhost} and {@code 127.0.0.1}:
 * {@link #serverKeystore()} (PKCS12, key + chain) for the agent and {@link #caPem()} for the client's {@code --ca}.
 * Made in-process with {@code java.security} and a little DER ({@link Der}); this used to take seven keytool JVMs,
 * up to minutes on a busy machine, repeated in every module.
 */
public final class TestCertificates {
    public static final char[] PASSWORD = "changeit-test".toCharArray();
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final Duration VALIDITY = Duration.ofDays(2);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static TestCertificates shared;

    private final Path serverKeystore;
    private final Path caPem;

    private TestCertificates(Path serverKeystore, Path caPem) {
        this.serverKeystore = serverKeystore;
        this.caPem = caPem;
    }

    /** One set per test JVM, in a folder of its own under the build's {@code java.io.tmpdir}. */
    public static synchronized TestCertificates shared() throws IOException {
        if (shared == null) {
            // Named explicitly: Files.createTempDirectory(prefix) keeps the tmpdir of before surefire set it (/tmp).
            shared = create(Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "patchbay-test-tls-"));
        }
        return shared;
    }

    /**
     * Makes a CA ("Patchbay Test CA": basic constraints CA, critical) and a server certificate signed by it
     * ("localhost": SAN dns:localhost and ip:127.0.0.1, EKU serverAuth), both EC P-256 and valid two days,
     * in {@code dir}: {@code ca.pem} and {@code server.p12} (the server key with its chain, and the CA).
     */
    public static TestCertificates create(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            KeyPair caKeys = ecKeyPair();
            byte[] caName = name("Patchbay Test CA");
            X509Certificate ca = certificate(caName, caName, caKeys.getPublic(), caKeys.getPublic(), caKeys.getPrivate(),
                    extension("2.5.29.19", true, Der.sequence(Der.bool(true))),
                    extension("2.5.29.15", true, Der.bitString(new byte[] {0x06}, 1))); // keyCertSign, cRLSign
            KeyPair serverKeys = ecKeyPair();
            X509Certificate server = certificate(caName, name("localhost"), serverKeys.getPublic(), caKeys.getPublic(),
                    caKeys.getPrivate(),
                    extension("2.5.29.17", false, Der.sequence(
                            Der.implicit(2, "localhost".getBytes(StandardCharsets.US_ASCII)),
                            Der.implicit(7, new byte[] {127, 0, 0, 1}))),
                    extension("2.5.29.37", false, Der.sequence(Der.oid("1.3.6.1.5.5.7.3.1"))),
                    extension("2.5.29.15", true, Der.bitString(new byte[] {(byte) 0x80}, 7))); // digitalSignature
            Path caPem = Files.writeString(dir.resolve("ca.pem"), pem(ca));
            Path serverKeystore = dir.resolve("server.p12");
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", serverKeys.getPrivate(), PASSWORD, new Certificate[] {server, ca});
            store.setCertificateEntry("ca", ca);
            try (OutputStream out = Files.newOutputStream(serverKeystore)) {
                store.store(out, PASSWORD);
            }
            return new TestCertificates(serverKeystore, caPem);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make test certificates in " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path serverKeystore() {
        return serverKeystore;
    }

    public Path caPem() {
        return caPem;
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(byte[] issuer, byte[] subject, PublicKey subjectKey, PublicKey issuerKey,
            PrivateKey signingKey, byte[]... extensions) throws GeneralSecurityException {
        byte[] algorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256));
        // Clients may run a little behind this machine's clock.
        Instant notBefore = Instant.now().minus(Duration.ofHours(1));
        byte[][] allExtensions = Arrays.copyOf(extensions, extensions.length + 2);
        allExtensions[extensions.length] = extension("2.5.29.14", false, Der.octetString(keyId(subjectKey)));
        allExtensions[extensions.length + 1] = extension("2.5.29.35", false, Der.sequence(Der.implicit(0, keyId(issuerKey))));
        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(BigInteger.TWO)), // v3
                Der.integer(new BigInteger(63, RANDOM).add(BigInteger.ONE)),
                algorithm,
                issuer,
                Der.sequence(Der.utcTime(notBefore), Der.utcTime(notBefore.plus(VALIDITY))),
                subject,
                subjectKey.getEncoded(),
                Der.explicit(3, Der.sequence(allExtensions)));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(signingKey);
        signer.update(tbs);
        byte[] encoded = Der.sequence(tbs, algorithm, Der.bitString(signer.sign(), 0));
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(encoded));
        certificate.verify(issuerKey);
        return certificate;
    }

    private static byte[] name(String commonName) {
        return Der.sequence(Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8(commonName))));
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    /** Key identifiers as RFC 5280 4.2.1.2 suggests: a SHA-1 of the key (here of its whole encoding). */
    private static byte[] keyId(PublicKey key) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-1").digest(key.getEncoded());
    }

    private static String pem(X509Certificate certificate) throws GeneralSecurityException {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
