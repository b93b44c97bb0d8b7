package io.patchbay.model.kit;

import io.patchbay.model.PatchbayException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which base file a new path of a release is patched against, and the signed list that says so. */
class NamesakesTest {
    private static final String SHA = "0".repeat(64);

    @Test
    void versionNumbersInTheFileNameAreBlankedOut() {
        assertEquals("payload/lib/maven-core-#.jar", Namesakes.stem("payload/lib/maven-core-3.9.16.jar"));
        assertEquals("payload/lib/guava-#-jre.jar", Namesakes.stem("payload/lib/guava-33.4.0-jre.jar"));
        assertEquals("payload/lib4/commons-lang#-#.jar", Namesakes.stem("payload/lib4/commons-lang3-3.17.0.jar"),
                "only the file name; the folder must match as it is");
    }

    @Test
    void aNewPathTakesTheDroppedBaseFileOfItsStemClosestInSize() {
        List<ChecksumList.Line> base = List.of(line("payload/lib/core-1.0.jar", 900), line("payload/lib/core-0.9.jar", 500),
                line("payload/lib/kept-1.0.jar", 500), line("payload/other/core-1.0.jar", 500));
        Map<String, ChecksumList.Line> release = Map.of("payload/lib/kept-1.0.jar", base.get(2));
        Namesakes namesakes = new Namesakes(base, release);

        assertEquals(Optional.of("payload/lib/core-0.9.jar"),
                namesakes.of(line("payload/lib/core-1.1.jar", 520)).map(ChecksumList.Line::name));
        assertEquals(Optional.empty(), namesakes.of(line("payload/lib/kept-1.1.jar", 500)).map(ChecksumList.Line::name),
                "kept-1.0.jar is still in the release: not replaced");
        assertEquals(Optional.empty(), namesakes.of(line("payload/lib/new-1.1.jar", 500)));
    }

    @Test
    void theListReadsBackAndRefusesAnyOtherForm() {
        PatchedFrom list = new PatchedFrom(Map.of("payload/b-2.jar", "payload/b-1.jar", "payload/a-2.jar", "payload/a-1.jar"));
        assertEquals("payload/a-2.jar\tpayload/a-1.jar\npayload/b-2.jar\tpayload/b-1.jar\n",
                new String(list.toBytes(), StandardCharsets.UTF_8));
        assertEquals(list, PatchedFrom.parse(list.toBytes()));
        assertEquals("payload/x", list.source("payload/x"));

        assertEquals("delta/patched-from has a line that is not NEW<tab>BASE", assertThrows(PatchbayException.class,
                () -> PatchedFrom.parse("payload/a payload/b\n".getBytes(StandardCharsets.UTF_8))).getMessage());
        assertEquals("delta/patched-from is not sorted by name, once each (payload/a)", assertThrows(PatchbayException.class,
                () -> PatchedFrom.parse("payload/a\tpayload/b\npayload/a\tpayload/c\n".getBytes(StandardCharsets.UTF_8)))
                .getMessage());
    }

    private static ChecksumList.Line line(String name, long size) {
        return new ChecksumList.Line(name, SHA, size, KitLayout.FILE_MODE);
    }
}
