package io.patchbay.app.cli;

import io.patchbay.agent.cli.ExitCode;
import io.patchbay.model.NotFoundException;
import com.fasterxml.jackson.databind.JsonNode;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.json.Json;
import io.patchbay.model.release.Channel;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.workspace.ReportRefusal;
import io.patchbay.model.workspace.Site;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.model.workspace.TransportKind;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.transport.https.HttpsEndpoint;
import io.patchbay.transport.https.TusOptions;
import io.patchbay.transport.https.TusServerInfo;
import io.patchbay.transport.outbox.HttpsProbeReport;
import io.patchbay.transport.outbox.SftpSitePusher;
import io.patchbay.transport.outbox.TusSitePusher;
import io.patchbay.transport.outbox.WorkspaceHostKeys;
import io.patchbay.transport.sftp.HostKeys;
import io.patchbay.transport.sftp.ProbeReport;
import io.patchbay.transport.sftp.SftpEndpoint;
import io.patchbay.transport.sftp.SftpPusher;
import io.patchbay.transport.sftp.SftpSettings;
import io.patchbay.transport.sftp.SftpTimeouts;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code patchbay site ...}: the sites kits go to. */
@Command(name = "site", mixinStandardHelpOptions = true, description = "Add, list, show, test and remove sites.",
        subcommands = {SiteCommand.Add.class, SiteCommand.ListSites.class, SiteCommand.Show.class,
                SiteCommand.Remove.class, SiteCommand.Test.class, SiteCommand.AgentKeyCommand.class,
                SiteFetchBackup.class})
final class SiteCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Endpoint {
        @Option(names = "--sftp", required = true, paramLabel = "sftp://USER@HOST:PORT/PATH",
                description = "The site's SFTP folder (inbox/ and status/ below it).")
        String sftp;
        @Option(names = "--https", required = true, paramLabel = "https://HOST:PORT",
                description = "The site agent's HTTPS endpoint (tus uploads).")
        String https;
        @Option(names = "--offline", required = true,
                description = "A site without a network: no address; its kits go by bundle (bundle create), its "
                        + "reports come back by report bundle (status import).")
        boolean offline;
    }

    /** {@code site test}'s host-key options: one or the other (picocli refuses both as a usage error). */
    static final class HostKeyChoice {
        @Option(names = "--accept-host-key", paramLabel = "SHA256:...",
                description = "SFTP: pin the site's host key first if it has this fingerprint.")
        String acceptHostKey;
        @Option(names = "--replace-host-key", paramLabel = "SHA256:...",
                description = "SFTP: the site really changed its host key: forget the pinned one and pin the key "
                        + "the site presents if it has this fingerprint.")
        String replaceHostKey;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = {"Add a site.",
            "SFTP host keys are pinned in the workspace database, shared by every machine on it: "
                    + "--accept-host-key SHA256:... pins the key the site presents if it has that fingerprint; "
                    + "--known-hosts FILE pins the keys FILE has for the site's host.",
            "Key, token and CA files are stored by absolute path, never their content."})
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Parameters(index = "0", paramLabel = "NAME", description = "The site's name.")
        String name;
        @ArgGroup(exclusive = true, multiplicity = "1")
        Endpoint endpoint;
        @Option(names = "--identity", paramLabel = "KEYFILE", description = "SFTP: the private key to log in with.")
        Path identity;
        @Option(names = "--known-hosts", paramLabel = "FILE", description = "SFTP: a known_hosts file whose keys for the site's host are pinned.")
        Path knownHosts;
        @Option(names = "--accept-host-key", paramLabel = "SHA256:...", description = "SFTP: pin the site's host key if it has this fingerprint.")
        String acceptHostKey;
        @Option(names = "--token-file", paramLabel = "FILE", description = "HTTPS: the file holding the bearer token.")
        Path tokenFile;
        @Option(names = "--ca", paramLabel = "CERT.pem", description = "HTTPS: trust this CA instead of the system store.")
        Path ca;
        @Option(names = "--ring", paramLabel = "RING", defaultValue = SiteSpec.DEFAULT_RING,
                description = "Rollout ring (default: ${DEFAULT-VALUE}).")
        String ring;
        @Option(names = "--channel", paramLabel = "stable|beta", defaultValue = "stable", description = "Release channel (default: ${DEFAULT-VALUE}).")
        String channel;
        @Option(names = "--time-zone", paramLabel = "ZONE", defaultValue = "UTC", description = "e.g. Europe/Paris (default: ${DEFAULT-VALUE}).")
        String timeZone;
        @Option(names = "--agent-key", paramLabel = "FILE",
                description = "The site agent's agent.pub (made by its init): its report bundles must be signed with it.")
        Path agentKey;

        @Override
        public Integer call() throws Exception {
            // Read first: a key file that is missing or not a key refuses the command before the site is added.
            PublicKey reportKey = agentKey == null ? null : SigningKeys.readPublic(agentKey);
            SiteSpec spec1 = siteSpec(); // before opening: a refused command creates no workspace
            try (Workspace ws = workspace.open()) {
                if (ws.sites().find(name).isPresent()) {
                    throw new PatchbayException("site already exists: " + name);
                }
                PrintWriter out = spec.commandLine().getOut();
                if (spec1.transport() == TransportKind.SFTP) {
                    SftpEndpoint sftp = SftpEndpoint.parse(spec1.endpoint().toString());
                    WorkspaceHostKeys pins = new WorkspaceHostKeys(ws, spec1, Actor.person());
                    for (PublicKey key : pins.importFromSiteFile(sftp)) {
                        out.println("pinned host key of " + sftp.knownHostsName() + " from " + spec1.knownHostsFile()
                                + ": " + HostKeys.fingerprint(key));
                    }
                    if (acceptHostKey != null) {
                        try (SftpPusher pusher = new SftpPusher()) {
                            pusher.pinHostKey(sftp, SftpSettings.of(spec1.identityFile(), pins), acceptHostKey);
                            out.println("pinned host key of " + sftp.knownHostsName() + " in the workspace database: "
                                    + acceptHostKey);
                        }
                    }
                }
                Site site = ws.sites().add(spec1, Actor.person());
                out.println("added site " + site.name() + ": " + site.spec().endpoint() + ", ring " + site.ring()
                        + ", " + site.spec().channel().word() + ", " + site.spec().timeZone().getId());
                if (reportKey != null) {
                    ws.siteAgentKeys().record(site.name(), reportKey, Actor.person());
                    out.println("recorded agent key " + SigningKeys.fingerprint(reportKey) + " for " + site.name());
                }
            }
            return ExitCode.DONE.code();
        }

        /** The site the options describe; a combination of options that does not fit its transport is a usage error. */
        private SiteSpec siteSpec() {
            SiteSpec spec0;
            if (endpoint.offline) {
                if (identity != null || knownHosts != null || acceptHostKey != null || tokenFile != null || ca != null) {
                    throw new ParameterException(spec.commandLine(), "an offline site has no address: --identity, "
                            + "--known-hosts, --accept-host-key, --token-file and --ca do not apply");
                }
                spec0 = SiteSpec.offline(name);
            } else if (endpoint.sftp != null) {
                if (tokenFile != null || ca != null) {
                    throw new ParameterException(spec.commandLine(),
                            "--token-file and --ca are for HTTPS sites, not SFTP");
                }
                if (identity == null) {
                    throw new ParameterException(spec.commandLine(),
                            "an SFTP site needs --identity KEYFILE (its private key)");
                }
                SftpEndpoint sftp = SftpEndpoint.parse(endpoint.sftp);
                Path id = existing(identity, "identity file");
                Path hosts = knownHosts == null ? null : existing(knownHosts, "known_hosts file");
                spec0 = SiteSpec.sftp(name, sftp.toString(), id, hosts);
            } else {
                if (identity != null || knownHosts != null || acceptHostKey != null) {
                    throw new ParameterException(spec.commandLine(),
                            "--identity, --known-hosts and --accept-host-key are for SFTP sites, not HTTPS");
                }
                if (tokenFile == null) {
                    throw new ParameterException(spec.commandLine(),
                            "an HTTPS site needs --token-file FILE (its bearer token)");
                }
                HttpsEndpoint https = HttpsEndpoint.parse(endpoint.https);
                spec0 = SiteSpec.https(name, https.toString(), existing(tokenFile, "token file"),
                        ca == null ? null : existing(ca, "CA file"));
            }
            return spec0.withRing(ring).withChannel(Channel.parse(channel)).withTimeZone(SiteSpec.zone(timeZone));
        }
    }

    @Command(name = "agent-key", mixinStandardHelpOptions = true, description = {
            "Record a site agent's key (its HOME/agent.pub, printed by its init): the report bundles of a site without "
                    + "a network must be signed with it. Replaces the key recorded before; the report numbers start afresh."})
    static final class AgentKeyCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Parameters(index = "0", paramLabel = "NAME", description = "The site's name.")
        String name;
        @Parameters(index = "1", paramLabel = "FILE", description = "The agent's agent.pub.")
        Path file;

        @Override
        public Integer call() throws Exception {
            PublicKey key = SigningKeys.readPublic(file);
            try (Workspace ws = workspace.openExisting()) {
                ws.siteAgentKeys().record(name, key, Actor.person());
            }
            spec.commandLine().getOut().println("recorded agent key " + SigningKeys.fingerprint(key) + " for " + name);
            return ExitCode.DONE.code();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the sites.")
    static final class ListSites extends ListCommand<SiteRow> {
        @Override
        Listing<SiteRow> listing() {
            return LISTING;
        }

        @Override
        List<SiteRow> rows(Workspace ws) {
            Map<String, ReportRefusal> refused = ws.reportRefusals().all();
            return ws.sites().list().stream().map(s -> SiteRow.of(s, refused.get(s.name()))).toList();
        }

        @Override
        String emptyHint() {
            return "no sites yet: add one with `patchbay site add NAME --sftp ... --identity ...`";
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one site.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--json", description = "Print JSON instead of text.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (Workspace ws = workspace.openToRead()) {
                Listing.show(out, SiteRow.of(ws.sites().get(name), ws.reportRefusals().find(name).orElse(null)), json);
            }
            return ExitCode.DONE.code();
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a site with its deliveries and reports (the event log keeps its history).")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            try (Workspace ws = workspace.openExisting()) {
                ws.sites().remove(name, Actor.person());
                spec.commandLine().getOut().println("removed site " + name);
            }
            return ExitCode.DONE.code();
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Connect to the site, check its host key or certificate, and report what it offers.")
    static final class Test implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @ArgGroup(exclusive = true)
        HostKeyChoice hostKey = new HostKeyChoice();
        @Option(names = "--json", description = "Print what the test found as JSON instead of text (same exit code).")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (Workspace ws = workspace.openExisting()) {
                Site site = ws.sites().get(name);
                if (site.spec().offline()) {
                    throw new PatchbayException("site " + name + " is offline: there is no connection to test (its "
                            + "kits go by bundle: patchbay bundle create --site " + name + " --out FILE)");
                }
                if (site.spec().transport() == TransportKind.SFTP) {
                    return testSftp(ws, site, out);
                }
                if (hostKey.acceptHostKey != null || hostKey.replaceHostKey != null) {
                    throw new ParameterException(spec.commandLine(), "--accept-host-key and --replace-host-key are "
                            + "for SFTP sites; " + name + " uses HTTPS");
                }
                HttpsProbeReport probe = new TusSitePusher(TusOptions.defaults(), ws.credentials()).probe(site);
                TusServerInfo info = probe.server();
                if (json) {
                    Listing.json(out, new HttpsTestResult(name, "https", probe.endpoint(), probe.ready(), "verified",
                            new Tus(info.versions(), info.extensions(), info.checksumAlgorithms(),
                                    info.maxSize().isPresent() ? info.maxSize().getAsLong() : null),
                            new HttpsStatus(probe.statusFiles())));
                } else {
                    out.println("site " + name + ": " + probe.endpoint() + " (TLS verified)");
                    out.println("tus:          versions " + info.versions() + ", extensions " + info.extensions()
                            + ", checksums " + info.checksumAlgorithms());
                    out.println("status:       " + probe.statusFiles() + " report files");
                }
                return probe.ready() ? ExitCode.DONE.code() : ExitCode.REFUSED.code();
            }
        }

        private int testSftp(Workspace ws, Site site, PrintWriter out) {
            try (SftpPusher pusher = new SftpPusher()) {
                SftpEndpoint endpoint = SftpSitePusher.endpoint(site);
                SftpSettings settings = new SftpSitePusher(pusher, SftpTimeouts.DEFAULTS, ws).settings(site);
                Integer forgotten = null;
                if (hostKey.replaceHostKey != null) {
                    forgotten = ws.hostKeyPins().forget(endpoint.knownHostsName(), Actor.person());
                    if (!json) {
                        out.println("forgot " + forgotten + " host key(s) pinned for " + endpoint.knownHostsName());
                    }
                }
                String pin = hostKey.replaceHostKey != null ? hostKey.replaceHostKey : hostKey.acceptHostKey;
                if (pin != null) {
                    pusher.pinHostKey(endpoint, settings, pin);
                    if (!json) {
                        out.println("pinned host key " + pin + " in " + settings.hostKeys().where());
                    }
                }
                ProbeReport p = pusher.probe(endpoint, settings);
                boolean usable = p.inboxWritable() || !p.inboxExists();
                if (json) {
                    Listing.json(out, new SftpTestResult(site.name(), "sftp", endpoint.toString(), usable,
                            p.serverVersion(),
                            new HostKey(p.hostKeyType(), p.hostKeyFingerprint(), settings.hostKeys().where(), pin, forgotten),
                            new Inbox(endpoint.inbox(), p.inboxExists(), p.inboxWritable(),
                                    p.inboxState(endpoint.user(), endpoint.inbox())),
                            new SftpStatus(p.statusExists(), p.statusReadable(), p.statusFiles())));
                    return usable ? ExitCode.DONE.code() : ExitCode.REFUSED.code();
                }
                out.println("site " + site.name() + ": " + endpoint);
                out.println("server:       " + p.serverVersion());
                out.println("host key:     " + p.hostKeyType() + " " + p.hostKeyFingerprint() + " (matches "
                        + settings.hostKeys().where() + ")");
                out.println("inbox:        " + p.inboxState(endpoint.user(), endpoint.inbox()));
                out.println("status:       " + (p.statusReadable() ? "readable, " + p.statusFiles() + " report files"
                        : p.statusExists() ? "NOT readable" : "missing (the agent writes it)"));
                return usable ? ExitCode.DONE.code() : ExitCode.REFUSED.code();
            }
        }
    }

    /**
     * {@code site test --json} of an SFTP site: {@code ready} is what the exit code says (the inbox can be written,
     * or will be created); {@code pinned} and {@code forgotten} report what {@code --accept-host-key} or
     * {@code --replace-host-key} did, null without them.
     */
    record SftpTestResult(String site, String transport, String endpoint, boolean ready, String server,
                          HostKey hostKey, Inbox inbox, SftpStatus status) {
    }

    record HostKey(String type, String fingerprint, String matches, String pinned, Integer forgotten) {
    }

    record Inbox(String path, boolean exists, boolean writable, String state) {
    }

    record SftpStatus(boolean exists, boolean readable, int reportFiles) {
    }

    /** {@code site test --json} of an HTTPS site: {@code ready} when a kit can be uploaded (tus 1.0 with creation). */
    record HttpsTestResult(String site, String transport, String endpoint, boolean ready, String tls, Tus tus,
                           HttpsStatus status) {
    }

    record Tus(List<String> versions, Set<String> extensions, Set<String> checksums,
               Long maxSize) {
    }

    record HttpsStatus(int reportFiles) {
    }

    /**
     * A site as listed and shown; its policy is a nested object, never JSON inside a string; {@code reportRefused}:
     * the last signed status report of the site a harvest refused, null while its reports are accepted.
     */
    record SiteRow(String name, String transport, String endpoint, String ring, String channel, String timeZone,
                   String identityFile, String knownHostsFile, String tokenFile, String caFile, JsonNode policy,
                   Instant added, ReportRefusal reportRefused) {
        static SiteRow of(Site s, ReportRefusal reportRefused) {
            JsonNode policy;
            try {
                policy = s.spec().policyJson() == null ? null : Json.mapper().readTree(s.spec().policyJson());
            } catch (IOException e) {
                throw new PatchbayException("the stored policy of site " + s.name() + " is not JSON: " + e.getMessage());
            }
            return new SiteRow(s.name(), s.spec().transport().word(), s.spec().endpoint().toString(), s.ring(),
                    s.spec().channel().word(), s.spec().timeZone().getId(), text(s.spec().identityFile()),
                    text(s.spec().knownHostsFile()), text(s.spec().tokenFile()), text(s.spec().caCertFile()), policy,
                    s.createdAt(), reportRefused);
        }
    }

    static final Listing<SiteRow> LISTING = Listing.of(
            Listing.column("SITE", SiteRow::name),
            Listing.column("RING", SiteRow::ring),
            Listing.column("CHANNEL", SiteRow::channel),
            Listing.column("TIME ZONE", SiteRow::timeZone),
            Listing.column("ENDPOINT", SiteRow::endpoint));

    private static String text(Path p) {
        return p == null ? null : p.toString();
    }

    static Path existing(Path file, String what) {
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new NotFoundException(what + " not found: " + abs);
        }
        return abs;
    }
}
