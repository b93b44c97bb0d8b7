package io.patchbay.model.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two workstations of a team, two folders, one PostgreSQL database: a host key one pins and the CA certificate of a
 * site one adds are what the other finds, although the files they came from are only on the first.
 */
class TeamHostKeysAndCaTest {
    static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";

    @TempDir
    Path dir;

    @Test
    void aHostKeyPinnedOnOneWorkstationIsPinnedForTheOther() throws Exception {
        TeamDatabase team = PostgresCluster.get().newDatabase();
        Path first = dir.resolve("first");
        Files.createDirectories(first);
        // A workstation from before: its workspace pinned keys in its own known_hosts file.
        Files.writeString(first.resolve(Workspace.KNOWN_HOSTS), "[sftp.example]:2222 ssh-ed25519 " + HostKeyPinsTest.KEY_A + "\n");
        try (Workspace one = Workspace.open(new WorkspaceLocation(first, team));
             Workspace other = Workspace.open(new WorkspaceLocation(dir.resolve("second"), team))) {
            one.hostKeyPins().pin("alpha.example", "ssh-ed25519", HostKeyPinsTest.KEY_B, "alice");

            assertEquals(List.of(HostKeyPinsTest.FP_B), other.hostKeyPins().of("alpha.example").stream()
                    .map(PinnedHostKey::fingerprint).toList());
            assertEquals(List.of(HostKeyPinsTest.FP_A), other.hostKeyPins().of("[sftp.example]:2222").stream()
                    .map(PinnedHostKey::fingerprint).toList(), "the first one's known_hosts file, imported");
        }
    }

    @Test
    void anHttpsSitesCaCertificateIsStoredSoAWorkstationWithoutTheFileTrustsItToo() throws Exception {
        TeamDatabase team = PostgresCluster.get().newDatabase();
        Path ca = Files.writeString(dir.resolve("site-ca.pem"), PEM);
        try (Workspace one = Workspace.open(new WorkspaceLocation(dir.resolve("first"), team));
             Workspace other = Workspace.open(new WorkspaceLocation(dir.resolve("second"), team))) {
            one.sites().add(SiteSpec.https("billing", "https://billing.example:8443", dir.resolve("token"), ca), "alice");
            Files.delete(ca); // the file was on the first machine only

            assertEquals(Optional.of(PEM), other.sites().get("billing").sharedCaCertificate());
            other.sites().update(other.sites().get("billing").spec().withRing("pilot"), "bob");
            assertEquals(Optional.of(PEM), one.sites().get("billing").sharedCaCertificate(),
                    "kept by an update from a machine without the file");
        }
    }
}
