package io.patchbay.agent.cli;

import io.patchbay.agent.home.AgentConfig;
import io.patchbay.agent.home.AgentHome;
import io.patchbay.agent.home.AgentKey;
import io.patchbay.agent.home.AgentSetup;
import io.patchbay.agent.home.HomeOwner;
import io.patchbay.agent.install.InstallOutcome;
import io.patchbay.agent.notify.MailSettings;
import io.patchbay.agent.receive.BundleImport;
import io.patchbay.agent.registry.PatchRecord;
import io.patchbay.agent.registry.Registry;
import io.patchbay.agent.run.Agent;
import io.patchbay.agent.run.AgentDaemon;
import io.patchbay.agent.run.ReportBundle;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.TransientFailure;
import io.patchbay.model.json.Json;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.policy.PolicyCodec;
import io.patchbay.model.policy.PolicyStore;
import io.patchbay.model.policy.SitePolicy;
import io.patchbay.model.policy.SiteTimes;
import io.patchbay.model.report.CheckRow;
import io.patchbay.model.report.PatchState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code patchbay agent ...}: the site agent and the operator's commands on a site. */
@Command(name = "agent", mixinStandardHelpOptions = true, versionProvider = AgentVersion.class,
        description = "Run the site agent and act on its patches (install, schedule, postpone, roll back, policy).",
        subcommands = {AgentCommand.Init.class, AgentCommand.Run.class, AgentCommand.ListPatches.class,
                AgentCommand.Install.class, AgentCommand.Schedule.class, AgentCommand.Postpone.class,
                AgentCommand.Rollback.class, AgentCommand.Policy.class, AgentCommand.Import.class,
                AgentCommand.Report.class})
public final class AgentCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code --home DIR}, shared by every agent subcommand. */
    static class HomeOption {
        @Option(names = "--home", required = true, paramLabel = "DIR", description = "The agent home.")
        Path home;

        AgentHome existing() {
            return AgentHome.existing(home);
        }

        /** The home, refused unless this user owns it (see {@link HomeOwner}). */
        AgentHome owned(String command) {
            AgentHome h = existing();
            HomeOwner.require(h, command);
            return h;
        }

        /**
         * The agent of the owned home, as an operator's command opens it: on the system clock, waiting up to
         * {@code lockWait} for an installation another process holds.
         */
        Agent agent(String command, Duration lockWait) {
            return Agent.open(owned(command), Clock.systemUTC(), lockWait);
        }
    }

    /** How long an operator's command waits for a running installation before naming its holder. */
    static class WaitOption {
        @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "60",
                description = "Wait this long for another installation to end (default ${DEFAULT-VALUE}).")
        long waitSeconds;

        Duration lockWait() {
            return Duration.ofSeconds(Math.max(0, waitSeconds));
        }
    }

    @Command(name = "init", mixinStandardHelpOptions = true, description = "Create an agent home.")
    static final class Init implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--home", required = true, paramLabel = "DIR", description = "The new agent home.")
        Path home;
        @Option(names = "--install-root", required = true, paramLabel = "DIR", description = "Where the product is installed.")
        Path installRoot;
        @Option(names = "--data-root", paramLabel = "DIR", description = "The product's data (backed up when a kit asks).")
        Path dataRoot;
        @Option(names = "--trust", required = true, paramLabel = "PUBKEY", description = "A public key whose kits are trusted (repeatable).")
        List<Path> trust;
        @Option(names = "--inbox", paramLabel = "DIR", description = "Where kits arrive (default HOME/inbox).")
        Path inbox;
        @Option(names = "--site", paramLabel = "NAME", description = "The site's name in notices (default: the home's folder name).")
        String site;
        @Option(names = "--time-zone", paramLabel = "ZONE", description = "The site's time zone (default: this machine's).")
        String timeZone;
        @Option(names = "--tick", paramLabel = "SECONDS", description = "Seconds between policy evaluations (default 60).")
        Long tickSeconds;
        @Option(names = "--installed", paramLabel = "PRODUCT=VERSION",
                description = "The version already installed on the site, e.g. Spruce=12.10.10 (repeatable); kits' 'requires' is checked against it.")
        java.util.Map<String, String> installed;
        @Option(names = "--product", paramLabel = "NAME",
                description = "A product this agent serves (repeatable; default: the --installed products, or with neither the product of the first kit received). Kits of any other product are refused.")
        List<String> products;
        @Option(names = "--https-port", paramLabel = "PORT", description = "Serve HTTPS uploads and status on this port.")
        Integer httpsPort;
        @Option(names = "--https-bind", paramLabel = "ADDR", description = "Listen for HTTPS on this address of the machine only (default: all interfaces).")
        String httpsBind;
        @Option(names = "--tls-keystore", paramLabel = "FILE", description = "PKCS12 keystore with the server certificate.")
        Path keystore;
        @Option(names = "--keystore-password-file", paramLabel = "FILE", description = "File holding the keystore password (default: none).")
        Path keystorePasswordFile;
        @Option(names = "--token-file", paramLabel = "FILE", description = "File holding the bearer token clients present.")
        Path tokenFile;
        @Option(names = "--smtp-host", paramLabel = "HOST", description = "SMTP server for e-mail notices.")
        String smtpHost;
        @Option(names = "--smtp-port", paramLabel = "PORT", defaultValue = "25", description = "SMTP port (default ${DEFAULT-VALUE}).")
        int smtpPort;
        @Option(names = "--smtp-security", paramLabel = "MODE", defaultValue = "starttls", description = "none, starttls or tls (default ${DEFAULT-VALUE}).")
        String smtpSecurity;
        @Option(names = "--mail-from", paramLabel = "ADDRESS", description = "Sender of notices.")
        String mailFrom;
        @Option(names = "--mail-to", paramLabel = "ADDRESS", description = "An administrator's address (repeatable).")
        List<String> mailTo;
        @Option(names = "--smtp-user", paramLabel = "USER", description = "SMTP user name.")
        String smtpUser;
        @Option(names = "--smtp-password-file", paramLabel = "FILE", description = "File holding the SMTP password.")
        Path smtpPasswordFile;

        @Override
        public Integer call() throws Exception {
            AgentConfig.Https https = null;
            if (httpsPort != null || keystore != null || tokenFile != null || httpsBind != null) {
                if (httpsPort == null || keystore == null || tokenFile == null) {
                    throw new ParameterException(spec.commandLine(), "HTTPS needs all of --https-port, --tls-keystore and --token-file");
                }
                https = new AgentConfig.Https(httpsPort, keystore, keystorePasswordFile, tokenFile, httpsBind);
            }
            MailSettings mail = null;
            if (smtpHost != null) {
                if (mailFrom == null || mailTo == null || mailTo.isEmpty()) {
                    throw new ParameterException(spec.commandLine(), "e-mail notices need --mail-from and at least one --mail-to");
                }
                mail = new MailSettings(smtpHost, smtpPort, MailSettings.Security.parse(smtpSecurity), mailFrom, mailTo,
                        smtpUser, smtpPasswordFile == null ? null : smtpPasswordFile.toAbsolutePath(), null);
            }
            ZoneId zone;
            try {
                zone = timeZone == null ? null : ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                throw new ParameterException(spec.commandLine(), "--time-zone: not a time zone: '" + timeZone + "' (e.g. Europe/Paris or UTC)");
            }
            AgentConfig config = AgentSetup.init(new AgentSetup.Request(home, site, installRoot, dataRoot, trust, inbox,
                    https, mail, zone, tickSeconds == null ? null : Duration.ofSeconds(Math.max(1, tickSeconds)), installed,
                    products));
            spec.commandLine().getOut().println("created agent home " + new AgentHome(home).dir() + " for site "
                    + config.site() + "; inbox " + config.inbox() + "; start it with: " + spec.parent().qualifiedName() + " run --home " + home);
            AgentHome created = new AgentHome(home);
            spec.commandLine().getOut().println("agent key " + SigningKeys.fingerprint(AgentKey.ensure(created))
                    + "; its public half is " + AgentKey.publicFile(created) + " (for the workstation: "
                    + "patchbay site add ... --agent-key agent.pub)");
            return ExitCode.DONE.code();
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run the agent: watch the inbox, serve HTTPS if configured, tick the policy. Stops on SIGTERM or Ctrl-C.")
    static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        HomeOption home;

        @Override
        public Integer call() throws Exception {
            Agent agent = home.agent("run", Duration.ofMinutes(30));
            AgentDaemon daemon = AgentDaemon.start(agent, Clock.systemUTC());
            PrintWriter out = spec.commandLine().getOut();
            daemon.recovered().ifPresent(o -> out.println("recovered an interrupted installation of " + o.product()
                    + " " + o.version() + ": " + o.state().word() + (o.reason() == null ? "" : " (" + o.reason() + ")")));
            out.println("agent running: home " + agent.home().dir() + ", inbox " + agent.config().inbox()
                    + (daemon.httpsPort() > 0 ? ", HTTPS port " + daemon.httpsPort() : ""));
            out.flush();
            CountDownLatch stopped = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                daemon.close();
                stopped.countDown();
            }, "agent-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            daemon.awaitStop();
            stopped.await();
            return ExitCode.DONE.code();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every patch, past and current, with state and last check.")
    static final class ListPatches implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        HomeOption home;
        @Option(names = "--json", description = "Print the registry as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            AgentHome h = home.existing();
            Agent agent = Agent.open(h, Clock.systemUTC(), Duration.ZERO);
            Registry reg = agent.registry();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.mapper().writeValueAsString(reg));
                return ExitCode.DONE.code();
            }
            PatchListing.print(reg, agent.policy().timeZone(), out);
            return ExitCode.DONE.code();
        }
    }

    /** VERSION and --product, for commands acting on one patch. */
    static class PatchChoice {
        @Parameters(index = "0", paramLabel = "VERSION", description = "The patch's version.")
        String version;
        @Option(names = "--product", paramLabel = "PRODUCT", description = "The product, when VERSION matches several.")
        String product;
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Install a patch now: skips the timing rules, never integrity, downgrade or pulled.")
    static final class Install implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        HomeOption home;
        @picocli.CommandLine.Mixin
        PatchChoice patch;
        @picocli.CommandLine.Mixin
        WaitOption wait;

        @Override
        public Integer call() {
            Agent agent = home.agent("install", wait.lockWait());
            return report(spec, agent.installNow(patch.version, patch.product));
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Reinstall the previous version this agent installed (forced rollback: the downgrade is allowed).")
    static final class Rollback implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        HomeOption home;
        @Option(names = "--product", paramLabel = "PRODUCT", description = "The product, when several are installed.")
        String product;
        @picocli.CommandLine.Mixin
        WaitOption wait;

        @Override
        public Integer call() {
            Agent agent = home.agent("rollback", wait.lockWait());
            return report(spec, agent.rollback(product));
        }
    }

    static int report(CommandSpec spec, InstallOutcome o) {
        if (!o.installed() && o.state() != PatchState.INSTALLING) {
            throw new PatchbayException(o.summary());
        }
        spec.commandLine().getOut().println(o.summary());
        return ExitCode.DONE.code();
    }

    @Command(name = "schedule", mixinStandardHelpOptions = true,
            description = "Install a patch at a time (local time in the site's zone); the timing rules still apply.")
    static final class Schedule implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        HomeOption home;
        @picocli.CommandLine.Mixin
        PatchChoice patch;
        @Option(names = "--at", required = true, paramLabel = "YYYY-MM-DDTHH:MM", description = "e.g. 2026-12-01T23:00")
        String at;

        @Override
        public Integer call() {
            LocalDateTime when;
            try {
                when = LocalDateTime.parse(at);
            } catch (DateTimeParseException e) {
                throw new ParameterException(spec.commandLine(), "--at expects a local date and time such as 2026-12-01T23:00; got '" + at + "'");
            }
            Agent agent = home.agent("schedule", Duration.ZERO);
            PatchRecord p = agent.schedule(patch.version, patch.product, when);
            spec.commandLine().getOut().println(p.title() + " scheduled for " + when + " (" + agent.policy().timeZone()
                    + "): " + p.state().word() + ", " + p.reason());
            return ExitCode.DONE.code();
        }
    }

    @Command(name = "postpone", mixinStandardHelpOptions = true,
            description = "Clear a patch's schedule and keep it from installing until an operator installs or schedules it.")
    static final class Postpone implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        HomeOption home;
        @picocli.CommandLine.Mixin
        PatchChoice patch;

        @Override
        public Integer call() {
            Agent agent = home.agent("postpone", Duration.ZERO);
            PatchRecord p = agent.postpone(patch.version, patch.product);
            spec.commandLine().getOut().println(p.title() + " postponed: " + p.reason());
            return ExitCode.DONE.code();
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = {
            "Take in a bundle carried from the workstation (a site without a network): verify it (signed by a key "
                    + "this site trusts, made for this site, every file whole), then receive its key rotation notices, kits and pull notices "
                    + "in order exactly as if they had arrived in the inbox. The bundle is only read (a read-only "
                    + "medium will do); a refused bundle changes nothing."})
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        HomeOption home;
        @Parameters(index = "0", paramLabel = "FILE", description = "The bundle file.")
        Path bundle;

        @Override
        public Integer call() throws Exception {
            Agent agent = home.agent("import", Duration.ZERO);
            List<BundleImport.Taken> taken = new BundleImport(agent.home(), agent.config().site(), agent.trustedKeys())
                    .run(bundle, agent::receive, agent::receivePullNotice, agent::receiveRotation);
            PrintWriter out = spec.commandLine().getOut();
            out.println("bundle " + bundle.getFileName() + " verified: " + taken.size() + " file"
                    + (taken.size() == 1 ? "" : "s") + " for site " + agent.config().site());
            for (BundleImport.Taken t : taken) {
                out.println("  " + t.entry().what() + " (" + t.entry().file() + "): " + t.detail());
            }
            out.flush();
            long failed = taken.stream().filter(t -> t.outcome() == BundleImport.Outcome.FAILED).count();
            if (failed > 0) {
                throw new TransientFailure(failed + " file(s) could not be taken on this machine; import the bundle "
                        + "again once that is fixed");
            }
            long refused = taken.stream().filter(t -> t.outcome() == BundleImport.Outcome.REFUSED).count();
            if (refused > 0) {
                throw new PatchbayException(refused + " file(s) of the bundle were refused (see above)");
            }
            return ExitCode.DONE.code();
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true, description = {
            "Write this site's status (every patch with its checks and installations, the agent's report and health) "
                    + "into one report bundle signed with the agent's key, numbered one past the last, for a site "
                    + "without a network. At the workstation: patchbay status import FILE."})
    static final class Report implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        HomeOption home;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The report bundle to write.")
        Path out;
        @Option(names = "--with-backup", paramLabel = "VERSION", description = "Add the post-install backup of this "
                + "version's latest installation; the workstation checks it: status import FILE --backup-out DIR.")
        String withBackup;

        @Override
        public Integer call() throws Exception {
            AgentHome h = home.owned("report");
            boolean newKey = !java.nio.file.Files.exists(AgentKey.privateFile(h));
            // A home made before agents had keys gets one now; the workstation must record it before importing.
            java.security.PublicKey key = AgentKey.ensure(h);
            Agent agent = Agent.open(h, Clock.systemUTC(), Duration.ZERO);
            ReportBundle.Written w = ReportBundle.write(agent, out, Clock.systemUTC(), withBackup);
            PrintWriter o = spec.commandLine().getOut();
            long statusFiles = w.manifest().entries().stream()
                    .filter(e -> !e.file().equals(io.patchbay.model.backup.StateArchive.FILE)).count();
            o.println("wrote report " + w.manifest().sequence() + " of site " + agent.config().site() + " to " + w.file()
                    + ": " + statusFiles + " status file" + (statusFiles == 1 ? "" : "s")
                    + ", signed by agent key " + SigningKeys.fingerprint(key));
            w.manifest().entries().stream().filter(e -> e.file().equals(io.patchbay.model.backup.StateArchive.FILE))
                    .forEach(e -> o.println("with the " + e.what()));
            if (newKey) {
                o.println("this home had no agent key: made one; record " + AgentKey.publicFile(h)
                        + " at the workstation (patchbay site agent-key " + agent.config().site() + " FILE)");
            }
            return ExitCode.DONE.code();
        }
    }

    @Command(name = "policy", mixinStandardHelpOptions = true, description = "Show the site's policy, or change it with --set key=value.")
    static final class Policy implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        HomeOption home;
        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Change one key (repeatable); all or none apply.")
        List<String> assignments = new ArrayList<>();
        @Option(names = "--json", description = "Print the policy as JSON (as policy.json holds it) instead of text.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            AgentHome h = home.existing();
            SitePolicy policy = PolicyStore.read(h.policy());
            if (!assignments.isEmpty()) {
                policy = PolicyCodec.apply(policy, assignments);
                PolicyStore.write(h.policy(), policy);
            }
            spec.commandLine().getOut().print(json ? PolicyStore.toJson(policy).strip() + "\n" : policy.describe());
            spec.commandLine().getOut().flush();
            return ExitCode.DONE.code();
        }
    }
}
