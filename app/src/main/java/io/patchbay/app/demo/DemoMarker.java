package io.patchbay.app.demo;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code WORKSPACE/demo/demo.json}: this workspace's sites are demo sites on this machine. Reopening the
 * workspace restarts their SFTP server (on {@code port} when it is free), agents and outbox worker.
 *
 * @param format  1
 * @param port    the loopback port the sites' SFTP addresses name
 * @param sites   the demo sites, each with an agent home under {@code demo/sites/NAME/agent}
 * @param created when the demo was made
 */
public record DemoMarker(int format, int port, List<DemoSite> sites, Instant created) {
    static final int FORMAT = 1;

    public DemoMarker {
        sites = List.copyOf(sites);
    }

    DemoMarker withPort(int newPort) {
        return new DemoMarker(format, newPort, sites, created);
    }

    static DemoMarker read(Path file) {
        try {
            DemoMarker m = Json.mapper().readValue(file.toFile(), DemoMarker.class);
            if (m.format() != FORMAT || m.sites().isEmpty()) {
                throw new PatchbayException("not a demo marker this version understands: " + file);
            }
            return m;
        } catch (IOException e) {
            throw new PatchbayException("cannot read the demo marker " + file + ": " + e.getMessage(), e);
        }
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
    }
}
