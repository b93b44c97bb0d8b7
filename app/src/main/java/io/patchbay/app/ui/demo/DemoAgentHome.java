package io.patchbay.app.ui.demo;

import io.patchbay.agent.home.AgentHome;
import io.patchbay.agent.home.AgentSetup;
import io.patchbay.agent.install.InstallOutcome;
import io.patchbay.agent.run.Agent;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.KitBuilder;
import io.patchbay.model.kit.KitInputs;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * A real agent home with a short history, for the site console's screenshots and a newcomer's first look:
 * Spruce 12.10.11 installed by an operator, 12.10.12 (manual-only) waiting for one, and a kit from an
 * untrusted signer refused on receipt. Built with the real kit builder and received, decided and installed
 * by the real agent (the installation runs in a child JVM, as on a site).
 */
public final class DemoAgentHome {
    private DemoAgentHome() {
    }

    /** Creates the site under {@code folder} (which must be empty or missing); returns the agent home. */
    public static Path create(Path folder) {
        try {
            Path installRoot = Files.createDirectories(folder.resolve("spruce/bin")).getParent();
            Files.writeString(installRoot.resolve("bin/app.jar"), "Spruce 12.10.10");
            var key = SigningKeys.generate();
            Path pub = folder.resolve("demo-signing.pub");
            SigningKeys.writePublic(pub, key.getPublic());
            Path home = folder.resolve("agent");
            AgentSetup.init(new AgentSetup.Request(home, "lyon-plant", installRoot, null, List.of(pub), null, null, null,
                    ZoneId.of("Europe/Paris"), Duration.ofSeconds(60), Map.of("Spruce", "12.10.10")));
            Agent agent = Agent.open(AgentHome.existing(home), Clock.systemUTC(), Duration.ofSeconds(30));
            Instant now = Instant.now();

            agent.receive(kit(folder, home, "12.10.11", true, now.minus(9, ChronoUnit.DAYS), key.getPrivate(),
                    "# Spruce 12.10.11\n\n- Faster month-end close on large ledgers\n- Fixes the **night batch** "
                            + "stopping on an empty queue\n"));
            InstallOutcome installed = agent.installNow("12.10.11", "Spruce");
            if (!installed.installed()) {
                throw new PatchbayException("the demo site could not install Spruce 12.10.11: " + installed.summary());
            }
            agent.receive(kit(folder, home, "12.10.12", false, now.minus(2, ChronoUnit.DAYS), key.getPrivate(),
                    "# Spruce 12.10.12\n\nA **manual-only** release: an operator installs it after the plant's "
                            + "shift change.\n\n| Area | Change |\n|---|---|\n| Ledger | New closing report |\n"
                            + "| Batch | Retries a failed export three times |\n\n- Needs a restart of the Spruce service\n"));
            agent.receive(kit(folder, home, "12.11.0", true, now.minus(1, ChronoUnit.DAYS),
                    SigningKeys.generate().getPrivate(), null));
            agent.tick();
            return home;
        } catch (IOException e) {
            throw new PatchbayException("cannot create the demo site in " + folder + ": " + e.getMessage(), e);
        }
    }

    private static Path kit(Path folder, Path home, String version, boolean automatic, Instant released,
                            PrivateKey key, String notes) throws IOException {
        Path work = Files.createDirectories(folder.resolve("build/" + version + "/payload/bin")).getParent().getParent();
        Files.writeString(work.resolve("payload/bin/app.jar"), "Spruce " + version);
        Path notesFile = notes == null ? null : Files.writeString(work.resolve("notes.md"), notes);
        Manifest m = new Manifest("Spruce", Version.parse(version), Version.parse("12.10.0"), Channel.STABLE, automatic,
                false, released.truncatedTo(ChronoUnit.SECONDS), false, List.of());
        Path out = Files.createDirectories(home.resolve("inbox")).resolve("Spruce-" + version + ".kit");
        new KitBuilder().build(new KitInputs(work.resolve("payload"), m, notesFile, null, null, key, out));
        return out;
    }
}
