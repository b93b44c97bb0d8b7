package io.patchbay.model.backup;

import io.patchbay.model.PatchbayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StateArchiveTest {
    @TempDir
    Path dir;

    @Test
    void aStateComesOutOfItsArchiveAsItWentInWithWhichInstallationItIs() throws Exception {
        Path state = dir.resolve("state");
        Files.createDirectories(state.resolve("install/bin"));
        Files.createDirectories(state.resolve("data"));
        Files.writeString(state.resolve("install/bin/app.sh"), "echo 2\n");
        Files.writeString(state.resolve("data/seed.sql"), "insert;\n");
        Path zip = dir.resolve(StateArchive.FILE);
        try (OutputStream out = Files.newOutputStream(zip)) {
            StateArchive.write(state, new BackupInfo("Spruce", "12.10.11", 3), out);
        }

        Path back = dir.resolve("back");
        BackupInfo info = StateArchive.extract(zip, back);

        assertEquals(new BackupInfo("Spruce", "12.10.11", 3), info);
        assertEquals("echo 2\n", Files.readString(back.resolve("install/bin/app.sh")));
        assertEquals("insert;\n", Files.readString(back.resolve("data/seed.sql")));
    }

    @Test
    void anEntryThatWouldLeaveTheTargetIsRefusedAndNothingIsWrittenOutsideIt() throws Exception {
        Path zip = dir.resolve("evil.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("state/install/../../escaped.txt"));
            out.write("x".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }

        PatchbayException e = assertThrows(PatchbayException.class, () -> StateArchive.extract(zip, dir.resolve("back")));

        assertEquals("the post-install state's entry 'state/install/../../escaped.txt' is refused: a '..' segment",
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("escaped.txt")));
    }
}
