package io.patchbay.model.backup;

import io.patchbay.model.io.FileHashes;
import io.patchbay.model.kit.ChecksumList;
import io.patchbay.model.kit.KitLayout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Checks a post-install state brought back from a site ({@code DIR/install/<path>}, {@code DIR/data/<path>}, as
 * the agent's post-install backup exports it) against the release's signed checksum list: the one comparison for
 * {@code site fetch-backup} (over SFTP) and {@code status import --backup-out} (a report bundle). Every file is
 * hashed: sizes alone would miss a same-length edit.
 */
public final class InstalledStateCheck {
    /** The state folder of the files the kit's {@code payload/} installs. */
    public static final String INSTALL = "install";
    /** The state folder of the files the kit's {@code data/} installs. */
    public static final String DATA = "data";

    private InstalledStateCheck() {
    }

    public static StateDifferences compare(Path state, ChecksumList signed) throws IOException {
        Map<String, ChecksumList.Line> expected = new TreeMap<>();
        for (ChecksumList.Line line : signed.lines()) {
            String name = stateName(line.name());
            if (name != null) {
                expected.put(name, line);
            }
        }
        Map<String, Path> found = new TreeMap<>();
        if (Files.isDirectory(state)) {
            try (Stream<Path> files = Files.walk(state)) {
                for (Path f : files.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                    found.put(state.relativize(f).toString().replace('\\', '/'), f);
                }
            }
        }
        int identical = 0;
        List<String> changed = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, ChecksumList.Line> e : expected.entrySet()) {
            Path file = found.remove(e.getKey());
            if (file == null) {
                missing.add(e.getKey());
            } else if (sameAsSigned(file, e.getValue())) {
                identical++;
            } else {
                changed.add(e.getKey());
            }
        }
        return new StateDifferences(identical, changed, missing, new ArrayList<>(found.keySet()));
    }

    /** The state path of a kit entry the install puts on the site, or null for the kit's other entries (hooks, notes). */
    static String stateName(String kitName) {
        if (kitName.startsWith(KitLayout.PAYLOAD) && kitName.length() > KitLayout.PAYLOAD.length()) {
            return INSTALL + "/" + kitName.substring(KitLayout.PAYLOAD.length());
        }
        if (kitName.startsWith(KitLayout.DATA) && kitName.length() > KitLayout.DATA.length()) {
            return DATA + "/" + kitName.substring(KitLayout.DATA.length());
        }
        return null;
    }

    private static boolean sameAsSigned(Path file, ChecksumList.Line line) throws IOException {
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) == line.size()
                && FileHashes.sha256(file).equals(line.sha256());
    }
}
