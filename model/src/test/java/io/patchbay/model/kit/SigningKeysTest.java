package io.patchbay.model.kit;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.sign.SigningKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SigningKeysTest {
    @TempDir
    Path dir;

    @Test
    void initWritesPrivateKeyOwnerOnlyAndBothReadBack() throws Exception {
        KeyPair pair = SigningKeys.init(dir);
        Path key = dir.resolve("signing.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertTrue(Files.readString(dir.resolve("signing.pub")).startsWith("-----BEGIN PUBLIC KEY-----\n"));
        assertArrayEquals(pair.getPrivate().getEncoded(), SigningKeys.readPrivate(key).getEncoded());
        assertArrayEquals(pair.getPublic().getEncoded(), SigningKeys.readPublic(dir.resolve("signing.pub")).getEncoded());
    }

    @Test
    void initRefusesToOverwriteExistingKeys() throws Exception {
        SigningKeys.init(dir);
        String before = Files.readString(dir.resolve("signing.key"));
        PatchbayException e = assertThrows(PatchbayException.class, () -> SigningKeys.init(dir));
        assertTrue(e.getMessage().startsWith("refusing to overwrite the existing key"), e.getMessage());
        assertEquals(before, Files.readString(dir.resolve("signing.key")));
    }

    @Test
    void publicKeyIsDerivedFromThePrivateKey() {
        KeyPair pair = SigningKeys.generate();
        assertArrayEquals(pair.getPublic().getEncoded(), SigningKeys.publicKeyOf(pair.getPrivate()).getEncoded());
    }

    @Test
    void fingerprintIsSha256OfTheSpki() throws Exception {
        KeyPair pair = SigningKeys.generate();
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(pair.getPublic().getEncoded());
        assertEquals("SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest),
                SigningKeys.fingerprint(pair.getPublic()));
    }

    @Test
    void publicKeyFileGivenAsPrivateKeyIsRefusedClearly() throws Exception {
        SigningKeys.init(dir);
        PatchbayException e = assertThrows(PatchbayException.class,
                () -> SigningKeys.readPrivate(dir.resolve("signing.pub")));
        assertTrue(e.getMessage().endsWith("holds a PEM \"PUBLIC KEY\" block, not a PKCS#8 private key "
                + "(a kit signing key pair is made by `patchbay keys init`)"), e.getMessage());
    }

    @Test
    void rsaKeyIsRefusedAsNotEd25519() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        Path file = dir.resolve("rsa.pub");
        SigningKeys.writePublic(file, rsa.generateKeyPair().getPublic());
        PatchbayException e = assertThrows(PatchbayException.class, () -> SigningKeys.readPublic(file));
        assertEquals(file + " is not an Ed25519 public key", e.getMessage());
    }

    @Test
    void garbageIsNotAPemFile() throws Exception {
        Path file = Files.writeString(dir.resolve("x.pub"), "hello");
        assertEquals(file + " is not a PEM file",
                assertThrows(PatchbayException.class, () -> SigningKeys.readPublic(file)).getMessage());
    }
}
