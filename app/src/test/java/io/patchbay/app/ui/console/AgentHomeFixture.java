package io.patchbay.app.ui.console;

import io.patchbay.agent.home.AgentHome;
import io.patchbay.agent.home.AgentSetup;
import io.patchbay.agent.run.Agent;
import io.patchbay.model.kit.KitBuilder;
import io.patchbay.model.kit.KitInputs;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.policy.PolicyCodec;
import io.patchbay.model.policy.PolicyStore;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A real agent home with Spruce 12.10.10 installed, and real signed kits received through the agent's own
 * receive path and decided by a tick.
 */
final class AgentHomeFixture {
    final Path home;
    final Path installRoot;
    private final Path dir;
    private final KeyPair key = SigningKeys.generate();

    AgentHomeFixture(Path dir) throws Exception {
        this.dir = dir;
        this.home = dir.resolve("agent");
        this.installRoot = Files.createDirectories(dir.resolve("spruce/bin")).getParent();
        Files.writeString(installRoot.resolve("bin/app.jar"), "app 12.10.10");
        Path pub = dir.resolve("signing.pub");
        SigningKeys.writePublic(pub, key.getPublic());
        AgentSetup.init(new AgentSetup.Request(home, "lyon-plant", installRoot, null, List.of(pub), null, null, null,
                ZoneId.of("Europe/Paris"), Duration.ofSeconds(60), Map.of("Spruce", "12.10.10")));
    }

    /** Builds a signed kit of Spruce {@code version}, hands it to the agent and lets a tick decide it. */
    void receive(String version, boolean automatic, String notesMarkdown) throws Exception {
        Path work = Files.createDirectories(dir.resolve("build-" + version));
        Files.createDirectories(work.resolve("payload/bin"));
        Files.writeString(work.resolve("payload/bin/app.jar"), "app " + version);
        Path notes = null;
        if (notesMarkdown != null) {
            notes = Files.writeString(work.resolve("notes.md"), notesMarkdown);
        }
        Manifest m = new Manifest("Spruce", Version.parse(version), Version.parse("12.10.0"), Channel.STABLE, automatic,
                false, Instant.parse("2026-11-20T09:00:00Z"), false, List.of());
        Path kit = Files.createDirectories(home.resolve("inbox")).resolve("Spruce-" + version + ".kit");
        new KitBuilder().build(new KitInputs(work.resolve("payload"), m, notes, null, null, key.getPrivate(), kit));
        Agent agent = Agent.open(AgentHome.existing(home), Clock.systemUTC(), Duration.ZERO);
        agent.receive(kit);
        agent.tick();
    }

    /** Changes site policy keys as {@code patchbay agent policy --set} does. */
    void policy(String... assignments) throws Exception {
        AgentHome h = AgentHome.existing(home);
        PolicyStore.write(h.policy(), PolicyCodec.apply(PolicyStore.read(h.policy()), List.of(assignments)));
    }

    String installedApp() throws Exception {
        return Files.readString(installRoot.resolve("bin/app.jar"));
    }
}
