package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@OnEachDatabase
class HostKeyPinsTest extends WorkspaceTestSupport {
    /** Two ed25519 keys and their fingerprints as {@code ssh-keygen -lf -E sha256} printed them. */
    static final String KEY_A = "AAAAC3NzaC1lZDI1NTE5AAAAINkZigDgrjEgmywUIUl3ky5ad4SJksfHbGDx0aNs7V0H";
    static final String FP_A = "SHA256:v7bL4oPlxEMrXeZoNxwVhJq2LXNmIadLim/Gil8UdIc";
    static final String KEY_B = "AAAAC3NzaC1lZDI1NTE5AAAAIDqojS+5arqqXakVnIZP6l6oasoRwJFoNG/Q/Z4/w7aq";
    static final String FP_B = "SHA256:dT9oqR85tjCcZW1sZNlkOWwbZLPYooY7V6kurw5O6eA";

    @Test
    void aPinnedKeyIsFoundByItsHostWithOpenSshsFingerprintAndPinningItAgainChangesNothing() {
        assertTrue(ws.hostKeyPins().pin("[db.example]:2222", "ssh-ed25519", KEY_A, "alice"));
        assertFalse(ws.hostKeyPins().pin("[db.example]:2222", "ssh-ed25519", KEY_A, "bob"));

        List<PinnedHostKey> pins = ws.hostKeyPins().of("[db.example]:2222");
        assertEquals(1, pins.size());
        assertEquals(FP_A, pins.get(0).fingerprint());
        assertEquals("[db.example]:2222 ssh-ed25519 " + KEY_A, pins.get(0).knownHostsLine());
        assertEquals("alice", pins.get(0).pinnedBy());
        assertEquals(List.of(), ws.hostKeyPins().of("db.example"), "port 22 is another host name");
        assertEquals(1, ws.events().find(EventQuery.all().kind(EventKind.HOST_KEY_PINNED)).size());
    }

    @Test
    void forgettingAHostRemovesAllItsKeysAndNoOtherHosts() {
        ws.hostKeyPins().pin("alpha.example", "ssh-ed25519", KEY_A, "alice");
        ws.hostKeyPins().pin("alpha.example", "ssh-ed25519", KEY_B, "alice");
        ws.hostKeyPins().pin("bravo.example", "ssh-ed25519", KEY_B, "alice");

        assertEquals(2, ws.hostKeyPins().forget("alpha.example", "alice"));

        assertEquals(List.of(), ws.hostKeyPins().of("alpha.example"));
        assertEquals(1, ws.hostKeyPins().of("bravo.example").size());
        assertEquals(0, ws.hostKeyPins().forget("alpha.example", "alice"));
    }

    @Test
    void aMalformedKeyOrHostIsRefusedWithWhatIsWrong() {
        PatchbayException notBase64 = assertThrows(PatchbayException.class,
                () -> ws.hostKeyPins().pin("alpha.example", "ssh-ed25519", "not base64!", "alice"));
        assertTrue(notBase64.getMessage().startsWith("not a base64 SSH public key"), notBase64.getMessage());
        PatchbayException host = assertThrows(PatchbayException.class,
                () -> ws.hostKeyPins().pin("alpha example", "ssh-ed25519", KEY_A, "alice"));
        assertTrue(host.getMessage().startsWith("not a host name"), host.getMessage());
        assertEquals(List.of(), ws.hostKeyPins().of("alpha.example"));
    }

    @Test
    void aKnownHostsFileImportsItsPlainLinesAndLeavesOutHashedMarkedAndPatternLines() throws Exception {
        Path file = dir.resolve("some_known_hosts");
        Files.writeString(file, String.join("\n",
                "# a comment",
                "alpha.example,[alpha.example]:2222 ssh-ed25519 " + KEY_A + " alice@laptop",
                "|1|uk/4gL24Ky+gQyJ8XQjkQtTVZGI=|ffRaZug7iq3s3gY7X5vsE0Jcm2Q= ssh-ed25519 " + KEY_B,
                "@revoked bravo.example ssh-ed25519 " + KEY_B,
                "*.example ssh-ed25519 " + KEY_B,
                "",
                "bravo.example ssh-ed25519 " + KEY_B) + "\n");

        assertEquals(3, ws.hostKeyPins().importKnownHosts(file, "alice"));

        assertEquals(List.of(FP_A), fingerprints("alpha.example"));
        assertEquals(List.of(FP_A), fingerprints("[alpha.example]:2222"));
        assertEquals(List.of(FP_B), fingerprints("bravo.example"));
        assertEquals(0, ws.hostKeyPins().importKnownHosts(file, "alice"), "already pinned");
    }

    @Test
    void theWorkspacesOwnKnownHostsFileIsImportedOnceWhenTheWorkspaceOpensAndKeptAsImported() throws Exception {
        ws.close();
        Path file = dir.resolve(Workspace.KNOWN_HOSTS);
        Files.writeString(file, "[127.0.0.1]:2222 ssh-ed25519 " + KEY_A + "\n");

        ws = openAgain();

        assertEquals(List.of(FP_A), fingerprints("[127.0.0.1]:2222"));
        assertFalse(Files.exists(file));
        assertEquals("[127.0.0.1]:2222 ssh-ed25519 " + KEY_A + "\n",
                Files.readString(dir.resolve(Workspace.KNOWN_HOSTS + HostKeyPins.IMPORTED_SUFFIX)));
        ws.hostKeyPins().forget("[127.0.0.1]:2222", "alice");
        ws.close();
        ws = openAgain();
        assertEquals(List.of(), fingerprints("[127.0.0.1]:2222"), "not imported a second time");
    }

    private List<String> fingerprints(String host) {
        return ws.hostKeyPins().of(host).stream().map(PinnedHostKey::fingerprint).toList();
    }
}
