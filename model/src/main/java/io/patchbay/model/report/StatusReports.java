package io.patchbay.model.report;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The report format shared by the agent (which writes it) and the workstation (which reads it over SFTP
 * or HTTPS): one {@code patch-<kit>.json} per received kit, one {@code agent.json} and the running agent's
 * {@code health.json}, all in the site's
 * {@code status/} folder, each written atomically so a reader never sees half a report.
 */
public final class StatusReports {
    public static final int SCHEMA = 1;
    public static final String AGENT_FILE = "agent.json";
    public static final String HEALTH_FILE = "health.json";
    /**
     * The status signed with the agent's own key (a report bundle, as {@code agent report} writes for a site without
     * a network), beside the plain reports: what the workstation's harvest reads for a site whose agent key it has.
     */
    public static final String SIGNED_REPORT_FILE = "status-report.bundle";
    public static final String PATCH_PREFIX = "patch-";
    public static final String SUFFIX = ".json";
    /** Reports are small; anything larger is not one of ours and is refused unread. */
    public static final int MAX_REPORT_BYTES = 1 << 20;

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private StatusReports() {
    }

    /** The report's file name for a kit file name; kit names are checked so they cannot leave the folder. */
    public static String patchFileName(String kit) {
        if (!SAFE_NAME.matcher(kit).matches() || kit.startsWith(".")) {
            throw new PatchbayException("unsafe kit file name: '" + kit + "'");
        }
        return PATCH_PREFIX + kit + SUFFIX;
    }

    public static boolean isPatchFileName(String fileName) {
        return fileName.startsWith(PATCH_PREFIX) && fileName.endsWith(SUFFIX);
    }

    public static void write(Path statusDir, PatchReport report) throws IOException {
        AtomicFiles.write(statusDir.resolve(patchFileName(report.kit())), toBytes(report));
    }

    public static void write(Path statusDir, AgentReport report) throws IOException {
        AtomicFiles.write(statusDir.resolve(AGENT_FILE), toBytes(report));
    }

    public static void write(Path statusDir, AgentHealth health) throws IOException {
        AtomicFiles.write(statusDir.resolve(HEALTH_FILE), toBytes(health));
    }

    public static byte[] toBytes(Object report) {
        try {
            return Json.mapper().writeValueAsBytes(report);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode report", e);
        }
    }

    public static PatchReport parsePatch(String source, byte[] json) {
        return parse(source, json, PatchReport.class);
    }

    public static AgentReport parseAgent(String source, byte[] json) {
        return parse(source, json, AgentReport.class);
    }

    public static AgentHealth parseHealth(String source, byte[] json) {
        return parse(source, json, AgentHealth.class);
    }

    /** Every patch report in {@code statusDir}, in file-name order; an absent folder has none. */
    public static List<PatchReport> readPatches(Path statusDir) throws IOException {
        if (!Files.isDirectory(statusDir)) {
            return List.of();
        }
        List<PatchReport> reports = new ArrayList<>();
        try (Stream<Path> files = Files.list(statusDir)) {
            for (Path file : files.sorted().toList()) {
                if (isPatchFileName(file.getFileName().toString()) && Files.isRegularFile(file)) {
                    reports.add(parsePatch(file.toString(), readCapped(file)));
                }
            }
        }
        return reports;
    }

    private static byte[] readCapped(Path file) throws IOException {
        if (Files.size(file) > MAX_REPORT_BYTES) {
            throw new PatchbayException("status report too large: " + file);
        }
        return Files.readAllBytes(file);
    }

    private static <T> T parse(String source, byte[] json, Class<T> type) {
        if (json.length > MAX_REPORT_BYTES) {
            throw new PatchbayException("status report too large: " + source);
        }
        try {
            T report = Json.mapper().readValue(json, type);
            if (report == null) {
                throw new PatchbayException("empty status report: " + source);
            }
            return report;
        } catch (IOException e) {
            throw new PatchbayException("malformed status report " + source + ": "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
