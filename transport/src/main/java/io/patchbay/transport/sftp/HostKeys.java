package io.patchbay.transport.sftp;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.digest.BuiltinDigests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;

/** Host key fingerprints and known_hosts lines in OpenSSH's own formats. */
public final class HostKeys {
    private HostKeys() {
    }

    /** {@code SHA256:<base64 without padding>}, as {@code ssh-keygen -lf} and OpenSSH print it. */
    public static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    /** {@code [host]:port keytype base64}, or {@code host keytype base64} on port 22. */
    public static String knownHostsLine(SftpEndpoint site, PublicKey key) {
        return site.knownHostsName() + " " + PublicKeyEntry.toString(key);
    }

    /** Adds one line to the known_hosts file, replacing the file in one atomic step. */
    static void append(Path knownHosts, String line) {
        try {
            byte[] old = Files.exists(knownHosts) ? Files.readAllBytes(knownHosts) : new byte[0];
            StringBuilder text = new StringBuilder(new String(old, StandardCharsets.UTF_8));
            if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
                text.append('\n');
            }
            text.append(line).append('\n');
            AtomicFiles.write(knownHosts, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PatchbayException("cannot write known_hosts file " + knownHosts + ": " + e.getMessage(), e);
        }
    }

    /** Accepts {@code SHA256:xyz} with or without base64 padding; anything else is refused. */
    static String normalizeFingerprint(String fingerprint) {
        String fp = fingerprint == null ? "" : fingerprint.trim();
        if (!fp.startsWith("SHA256:") || fp.length() < 20) {
            throw new PatchbayException("host key fingerprint must look like SHA256:<base64> (as ssh-keygen -lf prints it): '"
                    + fingerprint + "'");
        }
        while (fp.endsWith("=")) {
            fp = fp.substring(0, fp.length() - 1);
        }
        return fp;
    }
}
