package io.patchbay.transport.sftp;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.report.AgentHealth;
import io.patchbay.model.report.AgentReport;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.StatusReports;
import org.apache.sshd.sftp.client.SftpClient;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Reads the agent's JSON reports from a site's {@code status/} folder, each capped in size. */
final class StatusHarvest {
    private final SftpConnection conn;

    StatusHarvest(SftpConnection conn) {
        this.conn = conn;
    }

    SiteStatus read() {
        String dir = conn.site().status();
        SftpClient.Attributes attrs = conn.statOrNull(dir);
        if (attrs == null) {
            return new SiteStatus(Optional.empty(), Optional.empty(), List.of(), List.of());
        }
        List<SftpClient.DirEntry> entries = conn.step("list " + dir, () -> {
            List<SftpClient.DirEntry> all = new ArrayList<>();
            conn.sftp().readDir(dir).forEach(all::add);
            return all;
        });
        entries.sort(Comparator.comparing(SftpClient.DirEntry::getFilename));
        Optional<AgentReport> agent = Optional.empty();
        Optional<AgentHealth> health = Optional.empty();
        List<PatchReport> patches = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (SftpClient.DirEntry entry : entries) {
            String file = entry.getFilename();
            boolean isAgent = file.equals(StatusReports.AGENT_FILE);
            boolean isHealth = file.equals(StatusReports.HEALTH_FILE);
            if (!isAgent && !isHealth && !StatusReports.isPatchFileName(file) || !entry.getAttributes().isRegularFile()) {
                continue;
            }
            String path = dir + "/" + file;
            String source = conn.site() + "/status/" + file;
            try {
                if (entry.getAttributes().getSize() > StatusReports.MAX_REPORT_BYTES) {
                    throw new PatchbayException("status report too large: " + source);
                }
                byte[] json = conn.step("read " + path, () -> {
                    try (InputStream in = conn.sftp().read(path)) {
                        return in.readNBytes(StatusReports.MAX_REPORT_BYTES + 1);
                    }
                });
                if (isAgent) {
                    agent = Optional.of(StatusReports.parseAgent(source, json));
                } else if (isHealth) {
                    health = Optional.of(StatusReports.parseHealth(source, json));
                } else {
                    patches.add(StatusReports.parsePatch(source, json));
                }
            } catch (PatchbayException e) {
                if (e.getMessage().contains("stalled")) {
                    throw e;
                }
                problems.add(e.getMessage());
            }
        }
        return new SiteStatus(agent, health, patches, problems);
    }
}
