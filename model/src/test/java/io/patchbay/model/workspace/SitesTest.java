package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.release.Channel;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@OnEachDatabase
class SitesTest extends WorkspaceTestSupport {
    @Test
    void aSiteIsStoredWithEverythingAPersonSaidAboutIt() {
        SiteSpec spec = SiteSpec.https("billing-eu", "https://billing.example:8443", Path.of("/secrets/token"),
                        Path.of("/secrets/ca.pem"))
                .withRing("pilot").withChannel(Channel.BETA).withTimeZone(ZoneId.of("Europe/Paris"))
                .withPolicy("{\"installWindow\": \"22:00-07:00\"}");
        ws.sites().add(spec, Fixtures.PERSON);
        Site stored = ws.sites().get("billing-eu");
        assertEquals(spec, stored.spec());
        assertEquals(stored.createdAt(), stored.updatedAt());
    }

    @Test
    void updatingReplacesTheSiteAndRemovingDropsIt() {
        Fixtures.addSite(ws, "alpha");
        ws.sites().update(Fixtures.site("alpha", "early"), Fixtures.PERSON);
        assertEquals("early", ws.sites().get("alpha").ring());
        ws.sites().remove("alpha", Fixtures.PERSON);
        assertTrue(ws.sites().find("alpha").isEmpty());
        List<String> kinds = ws.events().find(EventQuery.all().kind("site.")).stream().map(Event::kind).toList();
        assertEquals(List.of("site.removed", "site.updated", "site.added"), kinds);
    }

    @Test
    void aSiteNameIsUsedOnce() {
        Fixtures.addSite(ws, "alpha");
        PatchbayException e = assertThrows(PatchbayException.class, () -> Fixtures.addSite(ws, "alpha"));
        assertEquals("site already exists: alpha", e.getMessage());
        assertEquals(1, ws.events().find(EventQuery.all().kind(EventKind.SITE_ADDED)).size(),
                "a refused change writes no event");
    }

    @Test
    void badSitesAreRefusedWithALineNamingWhatIsWrong() {
        assertEquals("not a site name: '../etc' (letters, digits, '.', '-', '_'; at most 64; starts with a letter "
                + "or digit)", refusal(() -> Fixtures.site("../etc", "broad")));
        assertEquals("site alpha: endpoint must start with sftp://, got 'https://alpha.example'",
                refusal(() -> SiteSpec.sftp("alpha", "https://alpha.example", Path.of("k"), null)));
        assertEquals("site alpha: an sftp site needs an identity key file",
                refusal(() -> SiteSpec.sftp("alpha", "sftp://u@alpha.example/in", null, null)));
        assertEquals("site alpha: an https site needs a token file",
                refusal(() -> SiteSpec.https("alpha", "https://alpha.example", null, null)));
        assertEquals("site alpha: endpoint must not carry a password",
                refusal(() -> SiteSpec.sftp("alpha", "sftp://u:secret@alpha.example/in", Path.of("k"), null)));
        assertEquals("site alpha: policy must be a JSON object",
                refusal(() -> Fixtures.site("alpha", "broad").withPolicy("[1, 2]")));
        assertEquals("site alpha: not a ring name: 'a ring'",
                refusal(() -> Fixtures.site("alpha", "a ring")));
        assertEquals("not a time zone: 'Mars/Olympus' (expected e.g. Europe/Paris)",
                refusal(() -> SiteSpec.zone("Mars/Olympus")));
        assertEquals("no such site: ghost", refusal(() -> ws.sites().get("ghost")));
    }

    private static String refusal(Runnable r) {
        return assertThrows(PatchbayException.class, r::run).getMessage();
    }
}
