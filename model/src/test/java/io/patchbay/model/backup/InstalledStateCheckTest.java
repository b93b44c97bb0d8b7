package io.patchbay.model.backup;

import io.patchbay.model.io.FileHashes;
import io.patchbay.model.kit.ChecksumList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstalledStateCheckTest {
    @TempDir
    Path dir;

    /** The signed list of a release made of these files (name to content), hashed from real files. */
    private ChecksumList released(String... namesAndContents) throws Exception {
        List<ChecksumList.Line> lines = new ArrayList<>();
        Path src = Files.createDirectories(dir.resolve("release"));
        for (int i = 0; i < namesAndContents.length; i += 2) {
            Path f = src.resolve("f" + i);
            Files.writeString(f, namesAndContents[i + 1]);
            lines.add(new ChecksumList.Line(namesAndContents[i], FileHashes.sha256(f), Files.size(f), 0644));
        }
        return new ChecksumList(lines);
    }

    private Path state(String... pathsAndContents) throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            Path f = state.resolve(pathsAndContents[i]);
            Files.createDirectories(f.getParent());
            Files.writeString(f, pathsAndContents[i + 1]);
        }
        return state;
    }

    @Test
    void aStateExactlyAsReleasedHasNoDifferencesAndTheKitsHooksAreNotExpectedOnTheSite() throws Exception {
        ChecksumList signed = released("payload/bin/app.sh", "echo 2\n", "data/seed.sql", "insert;\n",
                "hooks/install", "#!/bin/sh\n");

        StateDifferences d = InstalledStateCheck.compare(state("install/bin/app.sh", "echo 2\n", "data/seed.sql",
                "insert;\n"), signed);

        assertTrue(d.none(), d.toString());
        assertEquals(2, d.identical());
    }

    @Test
    void aChangedAMissingAndAnExtraFileAreEachNamed() throws Exception {
        ChecksumList signed = released("payload/bin/app.sh", "echo 2\n", "payload/lib/a.jar", "jar",
                "payload/conf/app.ini", "x=1\n");

        // Same length, other bytes: only the hash can tell.
        StateDifferences d = InstalledStateCheck.compare(state("install/bin/app.sh", "echo 3\n", "install/conf/app.ini",
                "x=1\n", "install/lib/b.jar", "jar"), signed);

        assertFalse(d.none());
        assertEquals(1, d.identical());
        assertEquals(List.of("install/bin/app.sh"), d.changed());
        assertEquals(List.of("install/lib/a.jar"), d.missing());
        assertEquals(List.of("install/lib/b.jar"), d.extra());
    }
}
