package io.patchbay.agent.run;

import io.patchbay.agent.home.AgentConfigStore;
import io.patchbay.agent.home.AgentHome;
import io.patchbay.agent.home.AgentSetup;
import io.patchbay.agent.install.TreeDigest;
import io.patchbay.agent.receive.InboxWatcher;
import io.patchbay.agent.receive.KitReceiver;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.workspace.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An agent serves the products it was set up for; a signed kit of another product never gets near its files. */
class ProductPinningTest {
    private static final Instant MONDAY_9_UTC = Instant.parse("2026-11-23T09:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aSignedOakKitSentToASpruceSiteIsRefusedNamingTheProductAndTheInstallRootIsUntouched() throws Exception {
        AgentSite site = new AgentSite(dir, null); // init --installed Spruce=12.10.10: serves Spruce
        Agent agent = site.agent(new MutableClock(MONDAY_9_UTC.plusSeconds(3600)));
        Map<String, String> before = TreeDigest.of(site.installRoot);

        KitReceiver.Received r = agent.receive(site.deliver(site.kit(
                AgentSite.manifest("Oak", "12.10.11", true, MONDAY_9_UTC), null))).orElseThrow();
        agent.tick();

        assertEquals(KitReceiver.Received.Kind.REJECTED, r.kind());
        String why = "a kit of Oak, which this site does not serve: its agent serves Spruce only";
        PatchReport report = site.report("Oak-12.10.11.kit");
        assertEquals(PatchState.REJECTED, report.state());
        assertEquals(why, report.reason());
        assertEquals(why + "\n", Files.readString(site.home.rejected().resolve("Oak-12.10.11.kit.reason.txt")));
        assertTrue(Files.isRegularFile(site.home.rejected().resolve("Oak-12.10.11.kit")));
        assertEquals(List.of(), InboxWatcher.scan(site.inbox));
        assertEquals(before, TreeDigest.of(site.installRoot), "the install root is byte-identical");
        assertEquals(List.of(), agent.registry().patches().stream().filter(p -> !p.kitRefused()).toList(),
                "nothing of Oak is registered to install");
        try (var folders = Files.list(site.home.patches())) {
            assertEquals(List.of(), folders.filter(Files::isDirectory).toList(), "nothing of Oak stays extracted");
        }
    }

    @Test
    void aSpruceSiteStillTakesAKitOfItsOwnAgentAndPinsNothingMore() throws Exception {
        AgentSite site = new AgentSite(dir, null); // serves Spruce only
        Agent agent = site.agent(new MutableClock(MONDAY_9_UTC.plusSeconds(3600)));

        KitReceiver.Received r = agent.receive(site.deliver(site.kit(
                AgentSite.manifest("patchbay-agent", "12.10.12", true, MONDAY_9_UTC), null))).orElseThrow();

        assertEquals(KitReceiver.Received.Kind.REGISTERED, r.kind(), r.patch().reason());
        assertEquals(List.of("Spruce"), agent.registry().products(), "an upgrade of the agent pins no product");
    }

    @Test
    void anAgentThatNamedNoProductIsPinnedByItsFirstKit() throws Exception {
        Path installRoot = Files.createDirectories(dir.resolve("site/root"));
        AgentSite keys = new AgentSite(dir.resolve("keys"), null);
        Path pub = dir.resolve("signing.pub");
        SigningKeys.writePublic(pub, keys.key.getPublic());
        AgentHome home = new AgentHome(dir.resolve("agent"));
        AgentSetup.init(new AgentSetup.Request(home.dir(), "fresh", installRoot, null, List.of(pub), null, null, null,
                AgentSite.PARIS, Duration.ofSeconds(1), Map.of()));
        Agent agent = new Agent(home, AgentConfigStore.load(home), new MutableClock(MONDAY_9_UTC.plusSeconds(3600)),
                Installs.childProcess(home.dir(), Duration.ofSeconds(30), Duration.ofMinutes(2)), new Notifier(null),
                new CommandPrecondition(home.dir(), Duration.ofSeconds(10)));
        Path inbox = AgentConfigStore.load(home).inbox();

        assertEquals(KitReceiver.Received.Kind.REGISTERED, agent.receive(copyInto(inbox, keys.kit(AgentSite.manifest(
                "Spruce", "12.10.11", true, MONDAY_9_UTC), null))).orElseThrow().kind());
        KitReceiver.Received oak = agent.receive(copyInto(inbox, keys.kit(AgentSite.manifest(
                "Oak", "12.10.11", true, MONDAY_9_UTC), null))).orElseThrow();

        assertEquals(List.of("Spruce"), agent.registry().products());
        assertEquals(KitReceiver.Received.Kind.REJECTED, oak.kind());
        assertEquals("a kit of Oak, which this site does not serve: its agent serves Spruce only", oak.patch().reason());
    }

    @Test
    void initRefusesAProductNameThatIsAPath() throws Exception {
        AgentSite keys = new AgentSite(dir.resolve("keys"), null);
        Path pub = dir.resolve("signing.pub");
        SigningKeys.writePublic(pub, keys.key.getPublic());
        Path home = dir.resolve("agent");
        PatchbayException e = assertThrows(PatchbayException.class, () -> AgentSetup.init(new AgentSetup.Request(home,
                "x", keys.installRoot, null, List.of(pub), null, null, null, AgentSite.PARIS, null, Map.of(),
                List.of("../../evil"))));
        assertTrue(e.getMessage().startsWith("not a product name: '../../evil'"), e.getMessage());
        assertTrue(!Files.exists(home.resolve("agent.json")), "nothing written");
    }

    private static Path copyInto(Path inbox, Path kit) throws Exception {
        return Files.copy(kit, inbox.resolve(kit.getFileName()));
    }
}
