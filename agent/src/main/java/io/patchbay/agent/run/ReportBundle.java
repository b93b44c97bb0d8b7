package io.patchbay.agent.run;

import io.patchbay.agent.home.AgentHome;
import io.patchbay.agent.home.AgentKey;
import io.patchbay.agent.install.PostInstallBackup;
import io.patchbay.agent.install.PostInstallBackups;
import io.patchbay.model.backup.StateArchive;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.bundle.BundleManifest;
import io.patchbay.model.bundle.BundleWriter;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.io.FileLocks;
import io.patchbay.model.io.FileTrees;
import io.patchbay.model.report.StatusReports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code agent report}: the way back from a site without a network. The agent rewrites its status reports, then
 * writes them (every patch report with its checks and installations, {@code agent.json}, {@code health.json}: what
 * the workstation's harvest reads) into one report bundle signed with the agent's own key ({@link AgentKey}) and
 * numbered one past the last, so the workstation can refuse an older report imported after a newer one.
 */
public final class ReportBundle {
    static final String SEQUENCE_FILE = "report-sequence";

    /** What was written. */
    public record Written(Path file, BundleManifest manifest) {
    }

    private ReportBundle() {
    }

    public static Written write(Agent agent, Path out, Clock clock) throws IOException {
        return write(agent, out, clock, null);
    }

    /**
     * As {@link #write(Agent, Path, Clock)}, and with {@code backupVersion} given, the post-install state of that
     * version's latest installation too (one entry, {@link StateArchive#FILE}), for the workstation to check against
     * the release: the backup back for a site without a network.
     */
    public static Written write(Agent agent, Path out, Clock clock, String backupVersion) throws IOException {
        AgentHome home = agent.home();
        var key = AgentKey.read(home);
        // Found before anything is written: a version without a backup is refused with no report number spent.
        PostInstallBackups.Found backup = backupVersion == null ? null
                : PostInstallBackups.latest(home.dir(), backupVersion);
        Path scratch = null;
        try {
            Map<String, Path> files = statusFiles(agent);
            String site = agent.config().site();
            List<BundleManifest.Entry> entries = new ArrayList<>(files.keySet().stream()
                    .map(name -> new BundleManifest.Entry(name, name, List.of(site))).toList());
            if (backup != null) {
                scratch = Files.createTempDirectory(home.dir(), ".report-backup-");
                files.put(StateArchive.FILE, archive(backup, scratch));
                entries.add(new BundleManifest.Entry(StateArchive.FILE, backup.info().describe() + " post-install state",
                        List.of(site)));
            }
            // The number is taken before the bundle is written: a bundle that fails half-way never shares it with the next.
            long sequence = nextSequence(home);
            BundleManifest manifest = BundleManifest.report(site, clock.instant(), sequence, entries);
            BundleWriter.write(out, manifest, files, key);
            return new Written(out, manifest);
        } finally {
            if (scratch != null) {
                FileTrees.delete(scratch);
            }
        }
    }

    /**
     * Writes the status files just written into {@code status/}{@value StatusReports#SIGNED_REPORT_FILE}, signed and
     * numbered as {@code agent report} does, for the workstation's harvest to verify with the same code as an
     * imported report; nothing when this home has no agent key (made at {@code init}). Written atomically: the
     * harvest reads the last whole one.
     */
    static void publish(AgentHome home, String site, Clock clock) throws IOException {
        if (!Files.isRegularFile(AgentKey.privateFile(home))) {
            return;
        }
        var key = AgentKey.read(home);
        Map<String, Path> files = listStatus(home);
        List<BundleManifest.Entry> entries = files.keySet().stream()
                .map(name -> new BundleManifest.Entry(name, name, List.of(site))).toList();
        BundleManifest manifest = BundleManifest.report(site, clock.instant(), nextSequence(home), entries);
        BundleWriter.write(home.status().resolve(StatusReports.SIGNED_REPORT_FILE), manifest, files, key);
    }

    /** The backup's state written out of the backup and packed as one file in {@code scratch}. */
    private static Path archive(PostInstallBackups.Found backup, Path scratch) throws IOException {
        Path state = scratch.resolve("state");
        PostInstallBackup.export(backup.post(), state);
        Path zip = scratch.resolve(StateArchive.FILE);
        try (OutputStream o = Files.newOutputStream(zip)) {
            StateArchive.write(state, backup.info(), o);
        }
        return zip;
    }

    private static Map<String, Path> statusFiles(Agent agent) throws IOException {
        agent.writeReports();
        return listStatus(agent.home());
    }

    /** The status reports in {@code status/}: the agent's, its health and one per patch (not the signed report). */
    private static Map<String, Path> listStatus(AgentHome home) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        try (Stream<Path> status = Files.list(home.status())) {
            for (Path f : status.sorted().toList()) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && (name.equals(StatusReports.AGENT_FILE)
                        || name.equals(StatusReports.HEALTH_FILE) || StatusReports.isPatchFileName(name))) {
                    files.put(name, f);
                }
            }
        }
        return files;
    }

    /**
     * Takes the next report number. Two {@code report} runs at once (an operator's and a cron job's) each get their
     * own under the lock; the number is written to a temp file and moved into place, so a crash leaves the old or
     * the new number, never an empty file that would restart the count and make every later report a replay.
     */
    static long nextSequence(AgentHome home) throws IOException {
        Path file = home.dir().resolve(SEQUENCE_FILE);
        return FileLocks.holding(home.dir().resolve(SEQUENCE_FILE + ".lock"), () -> {
            long last = 0;
            if (Files.exists(file)) {
                String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
                try {
                    last = Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw new PatchbayException(file + " does not hold a report number: '" + text + "'");
                }
            }
            long next = last + 1;
            AtomicFiles.write(file, (next + "\n").getBytes(StandardCharsets.US_ASCII));
            return next;
        });
    }
}
