package io.patchbay.model.backup;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.json.Json;
import io.patchbay.model.kit.KitPaths;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A post-install state as one file, so it can travel as one entry of a report bundle (whose entries are flat file
 * names): a ZIP with {@value #INFO} (a {@link BackupInfo}) and the state's files under {@code state/}. The bundle's
 * signature covers it; reading still refuses any name that could leave the target folder.
 */
public final class StateArchive {
    /** The report bundle entry that carries a post-install state. */
    public static final String FILE = "post-install-state.zip";
    static final String INFO = "backup.json";
    static final String STATE = "state/";

    private StateArchive() {
    }

    /** Writes every file under {@code state} and {@code info} to {@code out}. */
    public static void write(Path state, BackupInfo info, OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(INFO));
            zip.write(Json.mapper().writeValueAsBytes(info));
            zip.closeEntry();
            List<Path> files;
            try (Stream<Path> walk = Files.walk(state)) {
                files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
            }
            for (Path f : files) {
                zip.putNextEntry(new ZipEntry(STATE + state.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
    }

    /** Unpacks {@code archive} into {@code state} (which must not exist yet) and returns which backup it is. */
    public static BackupInfo extract(Path archive, Path state) throws IOException {
        BackupInfo info = null;
        Files.createDirectories(state);
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.getName().equals(INFO)) {
                    try (InputStream in = zip.getInputStream(e)) {
                        info = Json.mapper().readValue(in.readNBytes(64 * 1024), BackupInfo.class);
                    }
                    continue;
                }
                String name = e.getName().startsWith(STATE) ? e.getName().substring(STATE.length()) : null;
                String problem = name == null ? "outside " + STATE : KitPaths.problem(name);
                if (problem == null && !name.startsWith(InstalledStateCheck.INSTALL + "/")
                        && !name.startsWith(InstalledStateCheck.DATA + "/")) {
                    problem = "neither under install/ nor data/";
                }
                if (problem != null) {
                    throw new PatchbayException("the post-install state's entry '" + e.getName() + "' is refused: " + problem);
                }
                if (e.isDirectory()) {
                    continue;
                }
                Path out = state.resolve(name);
                Files.createDirectories(out.getParent());
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, out);
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new PatchbayException("the post-install state is not a readable ZIP: " + e.getMessage(), e);
        }
        if (info == null) {
            throw new PatchbayException("the post-install state does not say which installation it is (no " + INFO + ")");
        }
        return info;
    }
}
