package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@OnEachDatabase
class ReleasesTest extends WorkspaceTestSupport {
    @Test
    void aReleaseIsRecordedWithItsKitAndItsProductIsAddedOnce() {
        NewRelease kit = Fixtures.release("Spruce", "12.10.11", Channel.STABLE);
        Release r = ws.releases().add(kit, Fixtures.PERSON);
        ws.releases().add(Fixtures.release("Spruce", "12.10.12", Channel.STABLE), Fixtures.PERSON);
        assertEquals("Spruce 12.10.11", r.title());
        assertEquals(Version.parse("12.10.11"), r.version());
        assertEquals(Instant.parse("2026-11-20T09:00:00Z"), r.releasedAt());
        assertEquals(kit.kitSha256(), r.kitSha256());
        assertEquals(kit.manifestText(), r.manifestText());
        assertEquals(List.of("Spruce"), ws.products().list().stream().map(Product::name).toList());
        assertEquals(List.of("12.10.12", "12.10.11"),
                ws.releases().list().stream().map(x -> x.version().toString()).toList());
        assertEquals(r, ws.releases().find("Spruce", Version.parse("12.10.11")).orElseThrow());
    }

    @Test
    void theSameVersionIsRefusedEvenWrittenDifferently() {
        ws.releases().add(Fixtures.release("Spruce", "12.10", Channel.STABLE), Fixtures.PERSON);
        PatchbayException e = assertThrows(PatchbayException.class,
                () -> ws.releases().add(Fixtures.release("Spruce", "12.10.0", Channel.STABLE), Fixtures.PERSON));
        assertEquals("release already in the workspace: Spruce 12.10", e.getMessage());
    }

    @Test
    void pullingKeepsTheReasonAndIsLogged() {
        Release r = Fixtures.addRelease(ws, "12.10.11");
        Release pulled = ws.releases().pull(r.id(), "corrupts invoices", Fixtures.PERSON);
        assertTrue(pulled.pulled());
        assertEquals("corrupts invoices", pulled.pulledReason());
        assertEquals("corrupts invoices", ws.releases().pull(r.id(), "again", Fixtures.PERSON).pulledReason());
        List<Event> pulls = ws.events().find(EventQuery.all().kind(EventKind.RELEASE_PULLED));
        assertEquals(1, pulls.size());
        assertEquals("Spruce 12.10.11", pulls.get(0).subject());
    }
}
