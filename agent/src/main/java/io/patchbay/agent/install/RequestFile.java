package io.patchbay.agent.install;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.json.Json;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** An {@link InstallRequest} as a JSON file, handed from the agent to the one-shot install process. */
record RequestFile(String product, String version, String requires, String channel, boolean automatic,
                   boolean major, Instant released, boolean backupData, List<String> remove, String staging,
                   String installRoot, String dataRoot, long hookTimeoutMillis, String kit) {

    static void write(Path file, InstallRequest r) throws IOException {
        Manifest m = r.manifest();
        RequestFile f = new RequestFile(m.product(), m.version().toString(), m.requires().toString(),
                m.channel().name(), m.automatic(), m.major(), m.released(), m.backupData(), m.remove(),
                r.staging().toString(), r.installRoot().toString(),
                r.dataRoot() == null ? null : r.dataRoot().toString(), r.hookTimeout().toMillis(),
                r.kit() == null ? null : r.kit().toString());
        AtomicFiles.write(file, Json.mapper().writeValueAsBytes(f));
    }

    static InstallRequest read(Path file) {
        try {
            RequestFile f = Json.mapper().readValue(file.toFile(), RequestFile.class);
            Manifest m = new Manifest(f.product, Version.parse(f.version), Version.parse(f.requires),
                    Channel.valueOf(f.channel), f.automatic, f.major, f.released, f.backupData,
                    f.remove == null ? List.of() : f.remove);
            return new InstallRequest(m, Path.of(f.staging), Path.of(f.installRoot),
                    f.dataRoot == null ? null : Path.of(f.dataRoot), Duration.ofMillis(f.hookTimeoutMillis),
                    f.kit == null ? null : Path.of(f.kit));
        } catch (IOException | RuntimeException e) {
            throw new PatchbayException("cannot read the install request " + file + ": " + e.getMessage(), e);
        }
    }
}
