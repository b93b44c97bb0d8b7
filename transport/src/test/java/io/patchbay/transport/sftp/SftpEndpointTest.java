package io.patchbay.transport.sftp;

import io.patchbay.model.PatchbayException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SftpEndpointTest {

    @Test
    void parsesUserHostPortAndPath() {
        SftpEndpoint e = SftpEndpoint.parse("sftp://deploy@site-a.example.com:2222/srv/patchbay/");
        assertEquals(new SftpEndpoint("deploy", "site-a.example.com", 2222, "/srv/patchbay"), e);
        assertEquals("/srv/patchbay/inbox", e.inbox());
        assertEquals("/srv/patchbay/inbox/.partial", e.partial());
        assertEquals("/srv/patchbay/status", e.status());
        assertEquals("[site-a.example.com]:2222", e.knownHostsName());
        assertEquals("sftp://deploy@site-a.example.com:2222/srv/patchbay", e.toString());
    }

    @Test
    void portDefaultsTo22AndKnownHostsNameIsBareHost() {
        SftpEndpoint e = SftpEndpoint.parse("sftp://deploy@10.0.0.5/data");
        assertEquals(22, e.port());
        assertEquals("10.0.0.5", e.knownHostsName());
    }

    @Test
    void ipv6HostLosesItsBrackets() {
        SftpEndpoint e = SftpEndpoint.parse("sftp://deploy@[::1]:2200/x");
        assertEquals("::1", e.host());
        assertEquals("[::1]:2200", e.knownHostsName());
    }

    @Test
    void refusesAddressesThatCannotBeUsed() {
        assertRefused("https://deploy@host/x", "sftp://");
        assertRefused("sftp://host:22/x", "USER@");
        assertRefused("sftp://deploy:secret@host:22/x", "no password");
        assertRefused("sftp://deploy@host:22", "folder path");
        assertRefused("sftp://deploy@host:99999/x", "port");
        assertRefused("sftp://deploy@host/x?y=1", "query");
        assertRefused("", "empty");
        assertRefused("sftp://deploy@ho st/x", "malformed");
    }

    private static void assertRefused(String text, String expected) {
        PatchbayException e = assertThrows(PatchbayException.class, () -> SftpEndpoint.parse(text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
