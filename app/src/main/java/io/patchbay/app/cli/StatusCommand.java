package io.patchbay.app.cli;

import io.patchbay.agent.cli.ExitCode;
import io.patchbay.model.backup.BackupInfo;
import io.patchbay.model.backup.StateArchive;
import io.patchbay.model.backup.StateDifferences;
import io.patchbay.model.backup.StateLanding;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.json.Json;
import io.patchbay.model.report.InstallChance;
import io.patchbay.transport.outbox.DeliveryWorker;
import io.patchbay.transport.outbox.Pushers;
import io.patchbay.transport.outbox.ReportBundleImport;
import io.patchbay.transport.outbox.WorkerListener;
import io.patchbay.transport.outbox.WorkerSettings;
import io.patchbay.transport.sftp.SftpPusher;
import io.patchbay.model.workspace.Alert;
import io.patchbay.model.workspace.AgentCondition;
import io.patchbay.model.workspace.Delivery;
import io.patchbay.model.workspace.DeltaCounts;
import io.patchbay.model.workspace.KitSent;
import io.patchbay.model.workspace.DeliveryState;
import io.patchbay.model.matrix.MatrixState;
import io.patchbay.model.workspace.MatrixCell;
import io.patchbay.model.workspace.Site;
import io.patchbay.model.workspace.ReportRefusal;
import io.patchbay.model.workspace.SiteAgent;
import io.patchbay.model.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code patchbay status}: the site matrix as text, sites down and releases across. */
@Command(name = "status", mixinStandardHelpOptions = true, description = {
        "Show where every release stands on every site: queued, sending n%%, retrying, delivered, rejected, "
                + "and once the kit arrived the agent's word (waiting, scheduled, installing, installed, failed, "
                + "rolled back, held, pulled). Reasons and next tries follow the table; for a pulled release, whether each "
                + "site was told. Then each site's agent: its version, last contact (in this machine's zone) and health "
                + "(healthy, error, low disk, not heard from)."},
        subcommands = StatusCommand.Import.class)
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    WorkspaceOption workspace;
    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;
    @Option(names = "--zone", paramLabel = "ZONE", description = "Your time zone, for showing next install chances "
            + "beside the site's own (default: this computer's, ${DEFAULT-VALUE}).", defaultValue = "${sys:user.timezone}")
    void zone(String id) {
        try {
            viewer = id == null || id.isBlank() ? ZoneId.systemDefault() : ZoneId.of(id.strip());
        } catch (DateTimeException e) {
            throw new ParameterException(spec.commandLine(),
                    "not a time zone: '" + id + "' (expected an IANA zone such as Europe/Paris, or UTC)");
        }
    }

    ZoneId viewer = ZoneId.systemDefault();
    @Option(names = "--not-heard-after-minutes", paramLabel = "MINUTES", description = "Show an agent silent for "
            + "longer than this as not heard from (default: ${DEFAULT-VALUE}).")
    long notHeardAfterMinutes = AgentCondition.DEFAULT_NOT_HEARD_AFTER.toMinutes();
    @Option(names = "--refresh", description = "Read every site's status reports first (over SFTP or HTTPS), "
            + "instead of showing what the last `patchbay deliver` pass recorded.")
    boolean refresh;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace ws = refresh ? workspace.openExisting() : workspace.openToRead()) {
            if (refresh) {
                refresh(ws);
            }
            List<MatrixCell> cells = ws.matrix().cells();
            Instant now = Instant.now();
            Map<Long, DeltaCounts> deltaCounts = new HashMap<>();
            ws.deliveries().deltaCounts().forEach(d -> deltaCounts.put(d.releaseId(), d));
            Set<Long> withDeltas = new HashSet<>();
            ws.releaseDeltas().all().forEach(d -> withDeltas.add(d.releaseId()));
            Map<String, ReportRefusal> refusals = ws.reportRefusals().all();
            if (json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (MatrixCell c : cells) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("site", c.siteName());
                    m.put("ring", c.ring());
                    m.put("release", c.releaseTitle());
                    m.put("state", c.word());
                    m.put("delivery", c.delivery() == null ? null : c.delivery().word());
                    m.put("patch", c.patch() == null ? null : c.patch().word());
                    m.put("percent", c.percent());
                    m.put("pulled", c.pulled());
                    m.put("pullNotice", c.notice() == null ? null : c.notice().word());
                    m.put("pullNoticedAt", c.pullNoticedAt() == null ? null : c.pullNoticedAt().toString());
                    m.put("reason", c.reason());
                    m.put("nextTryAt", c.nextTryAt() == null ? null : c.nextTryAt().toString());
                    m.put("updatedAt", c.updatedAt() == null ? null : c.updatedAt().toString());
                    m.put("nextChance", c.nextChance() == null ? null : chance(c.nextChance(), now));
                    m.put("sent", c.sent() == null ? null : sent(c.sent()));
                    DeltaCounts counts = deltaCounts.get(c.releaseId());
                    m.put("deltas", counts == null ? null : counts(counts));
                    // Per site, not per release: the JSON is one row per cell, so each row of the site carries it.
                    m.put("reportRefused", refusals.get(c.siteName()));
                    rows.add(m);
                }
                out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(rows));
                return ExitCode.DONE.code();
            }
            List<Site> sites = ws.sites().list();
            if (sites.isEmpty()) {
                out.println("no sites yet: add one with `patchbay site add`");
                return ExitCode.DONE.code();
            }
            Set<String> releases = new LinkedHashSet<>();
            cells.stream().map(MatrixCell::releaseTitle).sorted().forEach(releases::add);
            Map<String, String> text = new HashMap<>();
            List<String> notes = new ArrayList<>();
            for (MatrixCell c : cells) {
                text.put(c.siteName() + "\n" + c.releaseTitle(), word(c) + sentNote(c, withDeltas));
                MatrixState state = c.state();
                if (c.reason() != null && (c.pulled() || state != MatrixState.DELIVERED && state != MatrixState.INSTALLED)) {
                    // A pulled cell's reason starts "pulled: ...": say the word once.
                    String reason = c.reason().startsWith(c.word() + ": ") ? c.reason().substring(c.word().length() + 2)
                            : c.reason();
                    notes.add(c.siteName() + " / " + c.releaseTitle() + ": " + c.word() + ": " + reason
                            + (c.nextTryAt() == null ? "" : "; next try at " + c.nextTryAt().truncatedTo(ChronoUnit.SECONDS))
                            + (c.nextChance() == null ? "" : "; next install chance: " + c.nextChance().describe(viewer, now)));
                }
            }
            int siteWidth = Math.max(4, sites.stream().mapToInt(s -> s.name().length()).max().orElse(4));
            int ringWidth = Math.max(4, sites.stream().mapToInt(s -> s.ring().length()).max().orElse(4));
            Map<String, Integer> widths = new LinkedHashMap<>();
            for (String r : releases) {
                int w = r.length();
                for (Site s : sites) {
                    w = Math.max(w, text.getOrDefault(s.name() + "\n" + r, "-").length());
                }
                widths.put(r, w);
            }
            StringBuilder header = new StringBuilder(pad("SITE", siteWidth) + "  " + pad("RING", ringWidth));
            widths.forEach((r, w) -> header.append("  ").append(pad(r, w)));
            out.println(header.toString().stripTrailing());
            for (Site s : sites) {
                StringBuilder row = new StringBuilder(pad(s.name(), siteWidth) + "  " + pad(s.ring(), ringWidth));
                widths.forEach((r, w) -> row.append("  ").append(pad(text.getOrDefault(s.name() + "\n" + r, "-"), w)));
                out.println(row.toString().stripTrailing());
            }
            if (releases.isEmpty()) {
                out.println("(nothing sent yet: start a rollout with `patchbay rollout start VERSION --all`)");
            }
            if (!notes.isEmpty()) {
                out.println();
                notes.forEach(out::println);
            }
            if (!deltaCounts.isEmpty()) {
                out.println();
                deltaCounts.values().stream().sorted(java.util.Comparator.comparing(DeltaCounts::releaseTitle))
                        .forEach(d -> deltaLines(d).forEach(out::println));
            }
            List<String> rotations = rotationLines(ws.deliveries().rotationNotices());
            if (!rotations.isEmpty()) {
                out.println();
                rotations.forEach(out::println);
            }
            // The dead-man watch runs on every look at the matrix, so a quiet site or a missed chance shows here.
            List<Alert> alerts = ws.alerts().watch(Duration.ofHours(AlertsCommand.DEFAULT_GRACE_HOURS),
                    Duration.ofHours(AlertsCommand.DEFAULT_QUIET_HOURS), Actor.person());
            if (!alerts.isEmpty()) {
                out.println();
                AlertsCommand.print(out, alerts);
            }
            out.println();
            printAgents(out, ws.siteAgents().list(), refusals);
        }
        return ExitCode.DONE.code();
    }

    /**
     * One line per key rotation notice (no release's, so not in the matrix): how many sites have it, and where it
     * still waits and why, e.g. {@code key rotation 1: delivered to 2 of 3 sites; waiting: gamma (retrying: ...)}.
     */
    static List<String> rotationLines(List<Delivery> notices) {
        // By file name: zero-padded, it sorts in sequence order.
        Map<String, List<Delivery>> byStatement = new TreeMap<>();
        notices.forEach(d -> byStatement.computeIfAbsent(d.fileName(), k -> new ArrayList<>()).add(d));
        List<String> lines = new ArrayList<>();
        byStatement.forEach((file, ds) -> {
            String what = ds.get(0).what();
            long delivered = ds.stream().filter(d -> d.state() == DeliveryState.DELIVERED).count();
            List<String> waiting = ds.stream().filter(d -> d.state() != DeliveryState.DELIVERED)
                    .map(d -> d.siteName() + " (" + d.state().word() + (d.lastError() == null ? "" : ": " + d.lastError())
                            + ")").toList();
            lines.add(what + " notice: delivered to " + delivered + " of " + ds.size() + (ds.size() == 1 ? " site" : " sites")
                    + (waiting.isEmpty() ? "" : "; not yet: " + String.join(", ", waiting)));
        });
        return lines;
    }

    /**
     * {@code " (delta)"} or {@code " (full kit)"} after a cell's word when its release has deltas, so a person sees
     * which kit the site got; nothing for a release that has only its full kit.
     */
    static String sentNote(MatrixCell c, Set<Long> releasesWithDeltas) {
        if (c.sent() == null || !releasesWithDeltas.contains(c.releaseId()) || c.word().isEmpty()) {
            return "";
        }
        return " (" + c.sent().kind().text() + (c.sent().fallbackReason() == null ? "" : " after the delta") + ")";
    }

    /** A release's delta counters, then each reason sites gave for needing the full kit, with how many gave it. */
    static List<String> deltaLines(DeltaCounts d) {
        List<String> lines = new ArrayList<>();
        lines.add(d.releaseTitle() + ": " + d.summary());
        d.reasons().forEach((why, n) -> lines.add("  " + n + " x " + why));
        return lines;
    }

    private static Map<String, Object> sent(KitSent sent) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", sent.kind().word());
        m.put("kit", sent.kitFile());
        m.put("fallbackReason", sent.fallbackReason());
        return m;
    }

    private static Map<String, Object> counts(DeltaCounts d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sent", d.sent());
        m.put("applied", d.applied());
        m.put("fellBack", d.fellBack());
        List<Map<String, Object>> reasons = new ArrayList<>();
        d.reasons().forEach((why, n) -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("reason", why);
            r.put("sites", n);
            reasons.add(r);
        });
        m.put("reasons", reasons);
        return m;
    }

    /** The next install chance for JSON readers: the instant, the site's wall clock and zone, the rule, one line. */
    private Map<String, Object> chance(InstallChance chance, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", chance.kind().word());
        m.put("at", chance.at() == null ? null : chance.at().toString());
        m.put("siteTime", chance.at() == null ? null : chance.at().atZone(chance.zone()).toLocalDateTime().toString());
        m.put("zone", chance.zone().getId());
        m.put("rule", chance.rule());
        m.put("text", chance.describe(viewer, now));
        return m;
    }

    private void refresh(Workspace ws) {
        PrintWriter err = spec.commandLine().getErr();
        WorkerListener problems = new WorkerListener() {
            @Override
            public void harvestFailed(String site, String reason) {
                err.println("patchbay: " + site + ": cannot read its status: " + reason);
            }
        };
        try (SftpPusher sftp = new SftpPusher();
             DeliveryWorker reader = new DeliveryWorker(ws, Pushers.standard(sftp, ws),
                     WorkerSettings.defaults(Actor.person() + "-status"), problems)) {
            reader.harvestAll();
        }
        err.flush();
    }

    /**
     * One line per site's agent: its version, its last contact (this machine's zone) and how it is doing;
     * "not heard from" once it has been silent longer than {@code --not-heard-after-minutes}. Then a line for each
     * site whose signed status reports are refused: such a site would otherwise look merely silent.
     */
    private void printAgents(PrintWriter out, List<SiteAgent> agents, Map<String, ReportRefusal> refusals) {
        Instant now = Instant.now();
        ZoneId zone = ZoneId.systemDefault();
        Duration silence = Duration.ofMinutes(Math.max(1, notHeardAfterMinutes));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"SITE", "AGENT", "LAST CONTACT", "HEALTH"});
        for (SiteAgent a : agents) {
            rows.add(new String[]{a.siteName(), a.agentVersion() == null ? "-" : a.agentVersion(),
                    AgentCondition.contact(a.lastContact(), now, zone), AgentCondition.of(a, now, silence).text()});
        }
        int[] widths = new int[3];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            out.println(pad(row[0], widths[0]) + "  " + pad(row[1], widths[1]) + "  " + pad(row[2], widths[2]) + "  " + row[3]);
        }
        for (SiteAgent a : agents) {
            ReportRefusal refused = refusals.get(a.siteName());
            if (refused != null) {
                out.println(a.siteName() + ": " + refused.text(zone));
            }
        }
    }

    /** The cell's state word with what a user needs at a glance: percent, next try. */
    static String word(MatrixCell c) {
        MatrixState state = c.state();
        if (state == MatrixState.SENDING) {
            return "sending " + c.percent() + "%";
        }
        if (state == MatrixState.RETRYING && c.nextTryAt() != null) {
            return "retrying (next try at " + c.nextTryAt().truncatedTo(ChronoUnit.SECONDS) + ")";
        }
        return c.word();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = {
            "Import a report bundle carried back from a site without a network (written there by "
                    + "patchbay-agent report): it must be signed with the agent key recorded for its site (site add "
                    + "--agent-key, site agent-key) and be no older than the last one imported. The matrix then "
                    + "changes exactly as if the site's reports had been read over the network."})
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Parameters(index = "0", paramLabel = "FILE", description = "The report bundle.")
        Path file;
        @Option(names = "--site", paramLabel = "NAME", description = "Refuse a report of any other site.")
        String site;
        @Option(names = "--backup-out", paramLabel = "DIR", description = "Write the post-install state the report "
                + "carries (agent report --with-backup) into DIR, a new folder, and check it against the release's "
                + "signed checksums: exit 1 when a file differs.")
        Path backupOut;

        @Override
        public Integer call() throws Exception {
            try (Workspace ws = workspace.openExisting()) {
                if (backupOut == null) {
                    printImported(ReportBundleImport.run(ws, file, site, Actor.person()));
                    return ExitCode.DONE.code();
                }
                try (StateLanding landing = StateLanding.at(backupOut)) {
                    Path archive = landing.scratch(StateArchive.FILE);
                    ReportBundleImport.Imported i = ReportBundleImport.run(ws, file, site, Actor.person(), archive);
                    printImported(i);
                    BackupInfo backup = StateArchive.extract(archive, landing.state());
                    Release release = ReleaseCommand.find(ws, backup.version(), backup.product());
                    StateDifferences d = landing.checkAndPublish(ws.kitFile(release.id()), ws.trustedSigners().keys());
                    return StateDifferencesText.print(spec.commandLine().getOut(), backup, i.site(), d, landing.target());
                }
            }
        }

        private void printImported(ReportBundleImport.Imported i) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("imported report " + i.manifest().sequence() + " of site " + i.site() + " (written "
                    + i.manifest().created() + "): " + i.recorded().reports() + " patch report"
                    + (i.recorded().reports() == 1 ? "" : "s") + " changed the matrix");
            i.recorded().problems().forEach(p -> out.println("  problem: " + p));
        }
    }
}
