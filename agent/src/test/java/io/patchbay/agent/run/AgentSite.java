package io.patchbay.agent.run;

import io.patchbay.agent.home.AgentConfig;
import io.patchbay.agent.home.AgentConfigStore;
import io.patchbay.agent.home.AgentHome;
import io.patchbay.agent.home.AgentSetup;
import io.patchbay.agent.notify.MailSettings;
import io.patchbay.agent.notify.NoticeOutbox;
import io.patchbay.agent.notify.SmtpMailer;
import io.patchbay.model.kit.KitBuilder;
import io.patchbay.model.kit.KitInputs;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.policy.PolicyStore;
import io.patchbay.model.policy.SitePolicy;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.StatusReports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A real site for agent tests: an agent home made by {@link AgentSetup}, an install root holding Spruce 12.10.10,
 * a signing key the site trusts, and kits built by the real {@link KitBuilder}.
 */
final class AgentSite {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    final Path dir;
    final KeyPair key = SigningKeys.generate();
    final AgentHome home;
    final Path installRoot;
    final Path inbox;

    AgentSite(Path dir, MailSettings mail) throws IOException {
        this(dir, mail, null);
    }

    AgentSite(Path dir, MailSettings mail, AgentConfig.Https https) throws IOException {
        this.dir = dir;
        this.installRoot = Files.createDirectories(dir.resolve("site/spruce"));
        Files.createDirectories(installRoot.resolve("bin"));
        Files.writeString(installRoot.resolve("bin/app.jar"), "app 12.10.10");
        Files.writeString(installRoot.resolve("conf.txt"), "port=8080\n");
        Path pub = dir.resolve("signing.pub");
        SigningKeys.writePublic(pub, key.getPublic());
        this.home = new AgentHome(dir.resolve("agent"));
        AgentSetup.init(new AgentSetup.Request(home.dir(), "acme-paris", installRoot, null, List.of(pub), null, https,
                mail, PARIS, Duration.ofSeconds(1), Map.of("Spruce", "12.10.10")));
        this.inbox = AgentConfigStore.load(home).inbox();
    }

    /** HTTPS on a free port with the test certificates, its token and keystore password in files under {@code dir}. */
    static AgentConfig.Https https(Path dir) throws IOException {
        Path token = Files.writeString(dir.resolve("token"), io.patchbay.agent.http.TestAgent.TOKEN);
        Path password = Files.writeString(dir.resolve("keystore.pass"),
                new String(io.patchbay.transport.https.TestCertificates.PASSWORD));
        for (Path secret : List.of(token, password)) { // the agent refuses secrets others may read
            Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        return new AgentConfig.Https(port, io.patchbay.transport.https.TestCertificates.shared().serverKeystore(),
                password, token);
    }

    AgentConfig config() {
        return AgentConfigStore.load(home);
    }

    void policy(UnaryOperator<SitePolicy> change) throws IOException {
        PolicyStore.write(home.policy(), change.apply(PolicyStore.read(home.policy())));
    }

    /** The agent with its real parts (child-JVM installs, SMTP when configured) and the given clock. */
    Agent agent(Clock clock) {
        AgentConfig config = config();
        NoticeOutbox outbox = config.mail() == null ? null : new NoticeOutbox(home.notices(), new SmtpMailer(config.mail()));
        return new Agent(home, config, clock, Installs.childProcess(home.dir(), Duration.ofSeconds(30), Duration.ofMinutes(2)),
                new Notifier(outbox, io.patchbay.agent.log.AgentLog.of(home)),
                new CommandPrecondition(home.dir(), Duration.ofSeconds(10)));
    }

    static Manifest manifest(String version, boolean automatic, Instant released) {
        return manifest("Spruce", version, automatic, released);
    }

    static Manifest manifest(String product, String version, boolean automatic, Instant released) {
        return new Manifest(product, Version.parse(version), Version.parse("12.10.0"), Channel.STABLE, automatic, false,
                released, false, List.of());
    }

    /** Builds {@code <product>-<version>.kit} (payload: bin/app.jar saying "app <version>") in a work folder. */
    Path kit(Manifest m, String installHook) throws IOException {
        return kit(m, installHook, key, List.of());
    }

    /** As {@link #kit(Manifest, String)}, signed by {@code signer} and carrying {@code rotations} in {@code trust/}. */
    Path kit(Manifest m, String installHook, KeyPair signer, List<byte[]> rotations) throws IOException {
        Path work = Files.createDirectories(dir.resolve("build/" + m.version() + "-" + System.nanoTime()));
        Path source = Files.createDirectories(work.resolve("payload/bin"));
        Files.writeString(source.resolve("app.jar"), "app " + m.version());
        Path hooks = null;
        if (installHook != null) {
            hooks = Files.createDirectories(work.resolve("hooks"));
            Path hook = hooks.resolve("install");
            Files.writeString(hook, "#!/bin/sh\n" + installHook + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path out = work.resolve(m.product() + "-" + m.version() + ".kit");
        new KitBuilder().build(new KitInputs(work.resolve("payload"), m, null, null, hooks, signer.getPrivate(), out,
                rotations));
        return out;
    }

    /** Drops a kit into the inbox the way SFTP does: into {@code .partial/}, then renamed in. */
    Path deliver(Path kit) throws IOException {
        Path partial = Files.createDirectories(inbox.resolve(".partial")).resolve(kit.getFileName() + ".part");
        Files.copy(kit, partial);
        return Files.move(partial, inbox.resolve(kit.getFileName()));
    }

    PatchReport report(String kitName) throws IOException {
        Path file = home.status().resolve(StatusReports.patchFileName(kitName));
        return StatusReports.parsePatch(file.toString(), Files.readAllBytes(file));
    }

    String installed(String relative) throws IOException {
        return Files.readString(installRoot.resolve(relative));
    }
}
