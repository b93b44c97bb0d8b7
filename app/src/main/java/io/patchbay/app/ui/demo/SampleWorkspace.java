package io.patchbay.app.ui.demo;

import io.patchbay.model.kit.KitBuilder;
import io.patchbay.model.kit.KitInputs;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;
import io.patchbay.model.report.AgentHealth;
import io.patchbay.model.report.AgentReport;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.report.StatusReports;
import io.patchbay.model.workspace.Delivery;
import io.patchbay.model.workspace.DailyQuota;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.KitImport;
import io.patchbay.model.workspace.Site;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.model.workspace.TransportKind;
import io.patchbay.model.workspace.Workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small workspace with real signed kits, sites in four rings, rollouts and agent reports, for the
 * screenshots (and for trying the client without sites). Every row is written through the same domain
 * calls the commands use; the sites' endpoints are example addresses nobody answers.
 */
public final class SampleWorkspace {
    private static final String PERSON = "release-manager";
    private static final String WORKER = "sample-worker";
    private static final String[][] SITES = {
            {"lab-berlin", "internal"}, {"lab-lyon", "internal"},
            {"clinic-aachen", "pilot"}, {"clinic-bonn", "pilot"}, {"clinic-caen", "pilot"},
            {"hospital-dijon", "early"}, {"hospital-essen", "early"}, {"hospital-fulda", "early"},
            {"practice-graz", "broad"}, {"practice-hamm", "broad"}, {"practice-ibiza", "broad"},
            {"practice-jena", "broad"}, {"practice-kiel", "broad"}, {"practice-linz", "broad"}};

    private SampleWorkspace() {
    }

    /** Fills {@code dir} (a new folder) and returns the source folder of the next release, for the wizard. */
    public static Path create(Path dir) throws IOException {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        KeyPair key = SigningKeys.init(keys);
        Path sources = Files.createDirectories(dir.resolve("sources"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // The history is written three days back, so the 12.10.11 rollout's daily quota has opened its later
        // rings by now (a ring opens the day after the one before it is full); the deliveries happen now.
        Release r3;
        try (Workspace ws = Workspace.open(dir.resolve("workspace"), Clock.offset(Clock.systemUTC(), Duration.ofDays(-3)))) {
            for (String[] site : SITES) {
                ws.sites().add(SiteSpec.sftp(site[0], "sftp://patchbay@" + site[0] + ".example.net:22/srv/patchbay",
                                keys.resolve("id_ed25519"), keys.resolve("known_hosts")).withRing(site[1])
                        .withTimeZone(ZoneId.of(site[0].equals("practice-ibiza") ? "Europe/Madrid" : "Europe/Berlin")),
                        PERSON);
            }
            ws.sites().add(SiteSpec.https("practice-mainz", "https://mainz.example.net:8443",
                    keys.resolve("mainz.token"), null).withRing("broad"), PERSON);
            Release r1 = release(ws, key, sources, "12.10.9", now.minus(Duration.ofDays(20)), 1);
            Release r2 = release(ws, key, sources, "12.10.10", now.minus(Duration.ofDays(9)), 2);
            r3 = release(ws, key, sources, "12.10.11", now.minus(Duration.ofDays(3)), 3);
            List<String> everyone = ws.sites().list().stream().map(s -> s.name()).toList();
            List<String> rings = List.of("internal", "pilot", "early", "broad");
            roll(ws, r1, everyone, rings, PatchState.UP_TO_DATE, now.minus(Duration.ofDays(19)));
            roll(ws, r2, everyone, rings, PatchState.INSTALLED, now.minus(Duration.ofDays(8)));
            ws.releases().pull(r2.id(), "export job fails on large archives", PERSON);
            ws.rollouts().start(r3.id(), everyone, rings, new DailyQuota(3, 2), PERSON);
        }
        // Today's part of the 12.10.11 rollout took the last 50 minutes, one site every few minutes: the Rollout
        // screen's chart and the reports' adoption lines have a real span to draw.
        MovingClock clock = new MovingClock(now.minus(Duration.ofMinutes(50)));
        try (Workspace ws = Workspace.open(dir.resolve("workspace"), clock)) {
            List<PatchState> outcomes = List.of(PatchState.INSTALLED, PatchState.INSTALLED, PatchState.INSTALLED,
                    PatchState.INSTALLED, PatchState.WAITING, PatchState.SCHEDULED, PatchState.ROLLED_BACK,
                    PatchState.RECEIVED);
            for (PatchState outcome : outcomes) {
                List<Delivery> taken = ws.deliveries().claim(WORKER, 1, Duration.ofMinutes(5));
                if (taken.isEmpty()) {
                    break;
                }
                Delivery d = taken.get(0);
                clock.advance(Duration.ofMinutes(3));
                ws.deliveries().markDelivered(d.id(), WORKER);
                clock.advance(Duration.ofMinutes(2));
                report(ws, r3, d.siteName(), outcome, clock.instant());
            }
            clock.advance(Duration.ofMinutes(2));
            List<Delivery> failing = ws.deliveries().claim(WORKER, 1, Duration.ofMinutes(5));
            if (!failing.isEmpty()) {
                ws.deliveries().markFailed(failing.get(0).id(), WORKER, "connection timed out after 30 s",
                        now.plus(Duration.ofMinutes(20)));
            }
            ws.deliveries().claim(WORKER, 1, Duration.ofMinutes(5));
            agents(ws, now);
        }
        Path next = Files.createDirectories(sources.resolve("spruce-12.10.12"));
        payload(next, 4);
        return next;
    }

    private static Release release(Workspace ws, KeyPair key, Path sources, String version, Instant released, int n)
            throws IOException {
        Path source = Files.createDirectories(sources.resolve("spruce-" + version));
        payload(source, n);
        Manifest m = new Manifest("Spruce", Version.parse(version), Version.parse("12.0"), Channel.STABLE, true,
                false, released, true, List.of());
        Path kit = sources.resolve("Spruce-" + version + ".kit");
        Path notes = sources.resolve("notes-" + version + ".md");
        Files.writeString(notes, "# Spruce " + version + "\n\n- Faster nightly export\n- Fixes the report layout\n");
        new KitBuilder(1).build(new KitInputs(source, m, notes, null, null, key.getPrivate(), kit));
        return KitImport.add(ws, kit, List.of(key.getPublic()), PERSON).release();
    }

    private static void payload(Path source, int n) throws IOException {
        Files.createDirectories(source.resolve("lib"));
        Files.createDirectories(source.resolve("config"));
        Files.writeString(source.resolve("lib/spruce-core.jar"), "core build " + n + "\n".repeat(2000 + n));
        Files.writeString(source.resolve("lib/spruce-ui.jar"), "ui build 1\n".repeat(3000));
        Files.writeString(source.resolve("lib/spruce-export.jar"), "export build " + n + "\n".repeat(1500));
        Files.writeString(source.resolve("config/defaults.ini"), "[export]\nthreads = " + (2 + n) + "\n");
        Files.writeString(source.resolve("README.txt"), "Spruce\n");
        Files.writeString(source.resolve("build.log"), "local build log, not for sites\n");
    }

    /** Rolls {@code r} out to every site; the sites report over the following days, a few hours apart. */
    private static void roll(Workspace ws, Release r, List<String> sites, List<String> rings, PatchState state,
                             Instant firstReport) {
        ws.rollouts().start(r.id(), sites, rings, null, PERSON);
        List<Delivery> taken;
        Instant at = firstReport;
        while (!(taken = ws.deliveries().claim(WORKER, 20, Duration.ofMinutes(5))).isEmpty()) {
            for (Delivery d : taken) {
                ws.deliveries().markDelivered(d.id(), WORKER);
                report(ws, r, d.siteName(), state, at);
                at = at.plus(Duration.ofHours(5));
            }
        }
    }

    /** The workspace's clock for the sample's recent history: it stands still until moved on. */
    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /**
     * What each site's agent said about itself at the last harvest: most are healthy, one has been silent for
     * days, one failed its last tick, one is short of disk, one runs an agent without a health report.
     */
    private static void agents(Workspace ws, Instant now) {
        long gib = 1L << 30;
        for (Site site : ws.sites().list()) {
            Instant tick = now.minus(Duration.ofSeconds(20 + site.name().length() * 7L));
            AgentHealth.LastError error = null;
            long installFree = (12 + site.name().length()) * gib;
            switch (site.name()) {
                case "practice-kiel" -> tick = now.minus(Duration.ofDays(3)).minus(Duration.ofHours(4));
                case "clinic-caen" -> error = new AgentHealth.LastError(
                        "tick failed: /var/lib/patchbay-agent/policy.json: permission denied", now.minusSeconds(15));
                case "hospital-essen" -> installFree = 600L << 20;
                case "practice-linz" -> {
                    ws.siteAgents().record(site.name(), Optional.of(new AgentReport(StatusReports.SCHEMA, "0.0.9",
                            tick, Map.of("Spruce", "12.10.10"), false)), Optional.empty());
                    continue;
                }
                default -> {
                }
            }
            AgentHealth.Service https = site.spec().transport() == TransportKind.HTTPS ? AgentHealth.Service.ok("port 8443")
                    : AgentHealth.Service.OFF;
            ws.siteAgents().record(site.name(), Optional.empty(), Optional.of(new AgentHealth(StatusReports.SCHEMA,
                    "0.1.0", tick.minus(Duration.ofDays(6)), error == null ? tick : tick.minusSeconds(60), error,
                    40 * gib, installFree, error == null, AgentHealth.Service.ok(null), https)));
        }
    }

    private static void report(Workspace ws, Release r, String site, PatchState state, Instant now) {
        String reason = switch (state) {
            case WAITING -> "install window opens at 22:00";
            case ROLLED_BACK -> "post-install check failed: service did not start";
            default -> null;
        };
        // An installation that ran has its attempt in the report, as an agent's has.
        List<io.patchbay.model.report.InstallationReport> attempts = state == PatchState.INSTALLED
                || state == PatchState.ROLLED_BACK ? List.of(new io.patchbay.model.report.InstallationReport(1,
                "automatic", now.minus(Duration.ofMinutes(1)), now, state, "done", reason)) : List.of();
        ws.reports().record(site, new PatchReport(StatusReports.SCHEMA, r.kitFile(), r.kitSha256(), r.product(),
                r.version().toString(), state, reason, now, now, state == PatchState.SCHEDULED
                ? now.plus(Duration.ofHours(6)) : null, List.of(), attempts), WORKER);
    }
}
