package io.patchbay.transport.sftp;

import io.patchbay.model.PatchbayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostKeysTest {
    @TempDir
    Path tmp;

    @Test
    void knownHostsLineUsesBracketsOnlyOffPort22() throws Exception {
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        String off = HostKeys.knownHostsLine(SftpEndpoint.parse("sftp://u@site.example:2222/x"), rsa.getPublic());
        String on = HostKeys.knownHostsLine(SftpEndpoint.parse("sftp://u@site.example/x"), rsa.getPublic());
        assertTrue(off.startsWith("[site.example]:2222 ssh-rsa AAAA"), off);
        assertTrue(on.startsWith("site.example ssh-rsa AAAA"), on);
        assertTrue(HostKeys.fingerprint(rsa.getPublic()).startsWith("SHA256:"));
    }

    @Test
    void appendKeepsExistingLinesAndEndsWithANewline() throws Exception {
        Path file = tmp.resolve("known_hosts");
        Files.writeString(file, "old.example ssh-ed25519 AAAAold");
        HostKeys.append(file, "[new.example]:2222 ssh-ed25519 AAAAnew");
        assertEquals("old.example ssh-ed25519 AAAAold\n[new.example]:2222 ssh-ed25519 AAAAnew\n", Files.readString(file));
    }

    @Test
    void fingerprintsMustBeSha256() {
        assertEquals("SHA256:abcdefghijklmnopqrstuvwxyz", HostKeys.normalizeFingerprint(" SHA256:abcdefghijklmnopqrstuvwxyz= "));
        PatchbayException e = assertThrows(PatchbayException.class, () -> HostKeys.normalizeFingerprint("MD5:aa:bb"));
        assertTrue(e.getMessage().contains("SHA256:"), e.getMessage());
    }
}
