package io.patchbay.transport.outbox;

import io.patchbay.model.NotFoundException;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.backup.StateArchive;
import io.patchbay.model.bundle.BundleKind;
import io.patchbay.model.bundle.BundleManifest;
import io.patchbay.model.bundle.BundleVerifier;
import io.patchbay.model.bundle.ReportRefused;
import io.patchbay.model.io.IoFailure;
import io.patchbay.model.kit.KitReader;
import io.patchbay.model.report.AgentHealth;
import io.patchbay.model.report.AgentReport;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.StatusReports;
import io.patchbay.model.workspace.Workspace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code patchbay status import}: a report bundle carried back from a site without a network. It must be signed by
 * the agent key recorded for the site it names, be of that site, and be no older than the last one imported (a
 * replay); its reports are then read with the harvest's parsers and recorded by the harvest's own code
 * ({@link SiteHarvest#record}), so the matrix changes exactly as if the worker had read the site.
 */
public final class ReportBundleImport {

    /** What an import did: the site, the report's number and time, and what was recorded. */
    public record Imported(String site, BundleManifest manifest, SiteHarvest.Recorded recorded) {
    }

    private ReportBundleImport() {
    }

    /**
     * Imports {@code file}; {@code expectedSite}, when given, must be the site it names.
     *
     * @throws ReportRefused when the bundle is refused; nothing is recorded then
     */
    public static Imported run(Workspace ws, Path file, String expectedSite, String actor) throws IOException {
        return run(ws, file, expectedSite, actor, null);
    }

    /**
     * As {@link #run(Workspace, Path, String, String)}, and the bundle's post-install state ({@link StateArchive#FILE})
     * is written to {@code backupTo}; a bundle without one is then refused before anything is recorded.
     */
    public static Imported run(Workspace ws, Path file, String expectedSite, String actor, Path backupTo)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NotFoundException("no such report bundle: " + file);
        }
        Accepted accepted = accept(ws, file, expectedSite, backupTo);
        return new Imported(accepted.site(), accepted.manifest(), accepted.harvest().record(ws, accepted.site(), actor));
    }

    /** A report verified and accepted (not a replay): its reports, to be recorded. */
    record Accepted(String site, BundleManifest manifest, SiteHarvest harvest) {
    }

    /**
     * The signed status an online harvest read from a site whose agent key is recorded (written to {@code file}),
     * verified by the very code {@code status import} uses: its reports, or a {@link ReportRefused} with the reason (a
     * report of another site, signed by another key, changed, or older than the last one taken), and none of its
     * reports recorded then (the worker records the refusal on the site).
     */
    static SiteHarvest harvested(Workspace ws, Path file, String site) throws IOException {
        return accept(ws, file, site, null).harvest();
    }

    /** The largest signed status an online harvest reads: every patch report, each at most MAX_REPORT_BYTES. */
    static final int MAX_SIGNED_REPORT_BYTES = 64 << 20;

    /**
     * As {@link #harvested(Workspace, Path, String)}, for the signed status read over the network (SFTP or HTTPS)
     * as {@code bytes}, or a refusal naming {@code where} when the site had none.
     */
    static SiteHarvest harvested(Workspace ws, java.util.Optional<byte[]> bytes, String site, String where) {
        byte[] read = bytes.orElseThrow(() -> new ReportRefused("site " + site + ": no signed status report ("
                + where + ") although its agent key is recorded: refused (the agent writes one on every tick once it "
                + "has a key)"));
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("patchbay-harvest-");
            Path file = Files.write(scratch.resolve(StatusReports.SIGNED_REPORT_FILE), read); // named in refusals
            return harvested(ws, file, site);
        } catch (IOException e) {
            throw IoFailure.of("reading the signed status report of " + site, e);
        } finally {
            if (scratch != null) {
                try {
                    io.patchbay.model.io.FileTrees.delete(scratch);
                } catch (IOException ignored) {
                    // a temp folder left behind is the system's to clean; the harvest's outcome stands
                }
            }
        }
    }

    private static Accepted accept(Workspace ws, Path file, String expectedSite, Path backupTo) throws IOException {
        Map<String, ByteArrayOutputStream> read = new LinkedHashMap<>();
        BundleManifest manifest;
        String site;
        try (KitReader reader = KitReader.open(file)) {
            // The site the bundle claims only chooses the key; verify() then holds the bundle to that key and site.
            BundleManifest claimed = BundleVerifier.claimed(reader);
            site = claimed.sites().get(0);
            if (expectedSite != null && !expectedSite.equals(site)) {
                throw new ReportRefused("a report of site " + site + ", not of " + expectedSite);
            }
            ws.sites().get(site);
            PublicKey key = ws.siteAgentKeys().require(site);
            manifest = BundleVerifier.verify(reader, BundleKind.REPORT, List.of(key), site, e -> {
                if (e.file().equals(StateArchive.FILE)) {
                    // Possibly the size of a release: to disk, and only when asked for.
                    return backupTo == null ? null : Files.newOutputStream(backupTo);
                }
                return read.computeIfAbsent(e.file(), f -> new ByteArrayOutputStream());
            }).manifest();
        } catch (IoFailure | NotFoundException e) {
            throw e;
        } catch (io.patchbay.model.kit.UntrustedSignerException e) {
            throw new ReportRefused("report bundle " + file.getFileName() + " refused: not signed by the agent key "
                    + "recorded for its site", e);
        } catch (PatchbayException e) {
            throw new ReportRefused("report bundle " + file.getFileName() + " refused: " + e.getMessage(), e);
        }
        if (backupTo != null && manifest.entries().stream().noneMatch(e -> e.file().equals(StateArchive.FILE))) {
            throw new ReportRefused("report bundle " + file.getFileName() + " carries no post-install state (write "
                    + "it with: patchbay-agent report --with-backup VERSION)");
        }
        SiteHarvest harvest = parse(site, read);
        ws.siteAgentKeys().acceptReport(site, manifest.sequence(), manifest.created());
        ws.reportRefusals().accepted(site); // a good report ends the site's run of refused ones
        return new Accepted(site, manifest, harvest);
    }

    /** The bundle's files read as the harvest reads a site's status folder; a file it cannot read is a problem. */
    private static SiteHarvest parse(String site, Map<String, ByteArrayOutputStream> files) {
        Optional<AgentReport> agent = Optional.empty();
        Optional<AgentHealth> health = Optional.empty();
        List<PatchReport> patches = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, ByteArrayOutputStream> f : files.entrySet()) {
            String name = f.getKey();
            String source = site + " (report bundle)/" + name;
            byte[] json = f.getValue().toByteArray();
            try {
                if (json.length > StatusReports.MAX_REPORT_BYTES) {
                    throw new PatchbayException("status report too large: " + source);
                }
                if (name.equals(StatusReports.AGENT_FILE)) {
                    agent = Optional.of(StatusReports.parseAgent(source, json));
                } else if (name.equals(StatusReports.HEALTH_FILE)) {
                    health = Optional.of(StatusReports.parseHealth(source, json));
                } else if (StatusReports.isPatchFileName(name)) {
                    patches.add(StatusReports.parsePatch(source, json));
                } else {
                    problems.add("not a status report, ignored: " + source);
                }
            } catch (PatchbayException e) {
                problems.add(e.getMessage());
            }
        }
        return new SiteHarvest(patches, agent, health, problems);
    }
}
