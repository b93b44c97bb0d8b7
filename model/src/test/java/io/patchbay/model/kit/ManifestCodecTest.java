package io.patchbay.model.kit;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestCodecTest {
    private static final String DESIGN_EXAMPLE = """
            [release]
            product = Spruce
            version = 12.10.11
            requires = 12.10.0        ; lowest installed version this kit upgrades
            channel = stable          ; stable | beta
            automatic = true          ; false: an operator must install it (yearly major releases)
            major = false             ; a major upgrade installs automatically only where the site allows it
            released = 2026-11-20T09:00:00Z
            [backup]
            data = true               ; include the data root in the pre-install backup
            [install]
            remove = old/obsolete.jar ; files the release deletes
            remove = lib/old, with comma.jar
            """;

    @Test
    void readsTheDesignExampleWithCommentsAndRepeatedRemoveKeys() {
        Manifest m = ManifestCodec.read(DESIGN_EXAMPLE);
        assertEquals(new Manifest("Spruce", Version.parse("12.10.11"), Version.parse("12.10.0"), Channel.STABLE, true,
                false, Instant.parse("2026-11-20T09:00:00Z"), true, List.of("old/obsolete.jar", "lib/old, with comma.jar")), m);
    }

    @Test
    void writtenManifestReadsBackEqualAndIsStable() {
        Manifest m = TestKits.manifest();
        String text = ManifestCodec.write(m);
        assertEquals(m, ManifestCodec.read(text));
        assertEquals(text, ManifestCodec.write(ManifestCodec.read(text)));
    }

    private static String errorFor(String from, String to) {
        return assertThrows(PatchbayException.class, () -> ManifestCodec.read(DESIGN_EXAMPLE.replace(from, to))).getMessage();
    }

    @Test
    void badVersionNamesKeyAndLine() {
        assertEquals("kit.ini line 3: version: not a version: '12.x' (expected numbers such as 12.10.11)",
                errorFor("version = 12.10.11", "version = 12.x"));
    }

    @Test
    void badDateNamesKeyAndLine() {
        String message = errorFor("released = 2026-11-20T09:00:00Z", "released = 20.11.2026");
        assertEquals("kit.ini line 8: released: not a date: '20.11.2026' (expected an ISO instant such as 2026-11-20T09:00:00Z)", message);
    }

    @Test
    void badBooleanNamesKeyAndLine() {
        assertEquals("kit.ini line 10: data: not a boolean: 'yes' (expected true or false)",
                errorFor("data = true ", "data = yes "));
    }

    @Test
    void unknownKeyNamesKeyAndLineBesideTheKeyItLeavesMissing() {
        assertEquals("kit.ini line 1: missing key 'major' in [release]: " + ManifestKey.MAJOR.meaning() + "\n"
                + "kit.ini line 7: unknown key 'mayor' in [release]", errorFor("major = false", "mayor = false"));
    }

    @Test
    void unknownSectionNamesItsLine() {
        assertEquals("kit.ini line 11: unknown section [instal]", errorFor("[install]", "[instal]"));
    }

    @Test
    void missingRequiredKeyNamesKeyAndSectionLine() {
        assertEquals("kit.ini line 1: missing key 'channel' in [release]: " + ManifestKey.CHANNEL.meaning(),
                errorFor("channel = stable          ; stable | beta\n", ""));
    }

    @Test
    void everyProblemIsReportedAtOnceEachOnItsOwnLine() {
        String text = """
                [release]
                product = Spruce
                version = 12.x
                channel = gold
                automatic = true
                mayor = false
                released = 2026-11-20T09:00:00Z
                this is not a key
                [backup]
                data = yes
                """;
        ManifestProblems e = assertThrows(ManifestProblems.class, () -> ManifestCodec.read(text));
        assertEquals(List.of(
                new ManifestProblems.Problem(1, "missing key 'requires' in [release]: " + ManifestKey.REQUIRES.meaning()),
                new ManifestProblems.Problem(1, "missing key 'major' in [release]: " + ManifestKey.MAJOR.meaning()),
                new ManifestProblems.Problem(3, "version: not a version: '12.x' (expected numbers such as 12.10.11)"),
                new ManifestProblems.Problem(4, "channel: not a channel: 'gold' (expected stable or beta)"),
                new ManifestProblems.Problem(6, "unknown key 'mayor' in [release]"),
                new ManifestProblems.Problem(8, "not a section, key = value or comment: 'this is not a key'"),
                new ManifestProblems.Problem(10, "data: not a boolean: 'yes' (expected true or false)")),
                e.problems());
        assertEquals(7, e.getMessage().lines().count());
        assertEquals("kit.ini line 3: version: not a version: '12.x' (expected numbers such as 12.10.11)",
                e.getMessage().lines().toList().get(2));
    }

    @Test
    void theTemplateWithProductAndVersionReadsAsThatRelease() {
        Instant now = Instant.parse("2026-12-02T05:00:07.123Z");
        Manifest m = ManifestCodec.read(KitIniTemplate.text("Spruce", Version.parse("12.10.11"), now));
        assertEquals(new Manifest("Spruce", Version.parse("12.10.11"), Version.parse("12.10.11"), Channel.STABLE, true,
                false, Instant.parse("2026-12-02T05:00:07Z"), false, List.of()), m);
    }

    @Test
    void whatBuiltTheKitIsWrittenInItsOwnSectionAndReadBack() {
        Manifest m = new Manifest("Spruce", Version.parse("12.10.11"), Version.parse("12.10.0"), Channel.STABLE, true,
                false, Instant.parse("2026-11-20T09:00:00Z"), false, List.of())
                .withBuiltBy("Patchbay 0.1.0 (commit f1d76ac12345, 2026-12-02 04:40 UTC)");
        String text = ManifestCodec.write(m);
        assertTrue(text.contains("[build]\nby = Patchbay 0.1.0 (commit f1d76ac12345, 2026-12-02 04:40 UTC)\n"), text);
        assertEquals(m, ManifestCodec.read(text));
    }

    @Test
    void aDeltaManifestNamesItsBaseAndReadsBackTheSame() {
        Manifest m = new Manifest("Spruce", Version.parse("12.10.11"), Version.parse("12.10.0"), Channel.STABLE, true,
                false, Instant.parse("2026-11-20T09:00:00Z"), false, List.of())
                .withDelta(new Manifest.DeltaBase(Version.parse("12.10.0"), "ab".repeat(32)));
        String text = ManifestCodec.write(m);
        assertTrue(text.contains("[delta]\nbase = 12.10.0\nbase-checksums = " + "ab".repeat(32) + "\n"), text);
        assertEquals(m, ManifestCodec.read(text));
        assertTrue(m.isDelta());
    }

    @Test
    void aDeltaSectionWithoutItsBaseChecksumsOrWithANewerBaseIsRefused() {
        String full = ManifestCodec.write(new Manifest("Spruce", Version.parse("12.10.11"), Version.parse("12.10.0"),
                Channel.STABLE, true, false, Instant.parse("2026-11-20T09:00:00Z"), false, List.of()));
        ManifestProblems half = assertThrows(ManifestProblems.class, () -> ManifestCodec.read(full + "[delta]\nbase = 12.10.0\n"));
        assertTrue(half.getMessage().contains("missing key 'base-checksums' in [delta]"), half.getMessage());
        ManifestProblems newer = assertThrows(ManifestProblems.class, () -> ManifestCodec.read(
                full + "[delta]\nbase = 12.11.0\nbase-checksums = " + "ab".repeat(32) + "\n"));
        assertTrue(newer.getMessage().contains("the delta's base 12.11.0 is not older than the version 12.10.11"),
                newer.getMessage());
    }

    @Test
    void theTemplateNamesEveryKeyWithItsMeaning() {
        String text = KitIniTemplate.text("Spruce", Version.parse("1"), Instant.EPOCH);
        for (ManifestKey key : ManifestKey.values()) {
            assertTrue(text.contains("; " + key.meaning() + "\n"), key.name());
            assertTrue(text.contains("\n" + key.key() + " = ") || text.contains("; " + key.key() + " = "), key.name());
        }
    }

    @Test
    void theTemplateWithoutProductAndVersionNamesTheirLinesWhenBuilt() {
        String text = KitIniTemplate.text(null, null, Instant.EPOCH);
        List<String> lines = text.lines().toList();
        ManifestProblems e = assertThrows(ManifestProblems.class, () -> ManifestCodec.read(text));
        assertEquals(List.of(lines.indexOf("product = ") + 1, lines.indexOf("version = ") + 1,
                        lines.indexOf("requires = ") + 1),
                e.problems().stream().map(ManifestProblems.Problem::line).toList());
    }

    @Test
    void duplicateKeyNamesTheSecondLine() {
        assertEquals("kit.ini line 1: missing key 'version' in [release]: " + ManifestKey.VERSION.meaning() + "\n"
                + "kit.ini line 3: key 'product' appears twice in [release]",
                errorFor("version = 12.10.11", "product = Oak"));
    }

    @Test
    void aProductNameThatIsAPathIsRefusedOnOneLineNamingKeyAndLine() {
        String message = errorFor("product = Spruce", "product = ../../evil");
        assertEquals("kit.ini line 2: product: not a product name: '../../evil' (letters, digits, space, '.', '-' "
                + "and '_' only, starting with a letter or digit)", message);
        assertEquals(1, message.lines().count());
    }

    @Test
    void productNamesWithSpacesDotsDashesAndUnderscoresAreRead() {
        assertEquals("Spruce Cloud_2.0-beta", ManifestCodec.read(DESIGN_EXAMPLE.replace("product = Spruce",
                "product = Spruce Cloud_2.0-beta")).product());
        assertThrows(PatchbayException.class, () -> ManifestCodec.read(DESIGN_EXAMPLE.replace("product = Spruce",
                "product = Spruce/../x")));
        assertThrows(PatchbayException.class, () -> ManifestCodec.read(DESIGN_EXAMPLE.replace("product = Spruce",
                "product = ..")));
    }

    @Test
    void aManifestCannotBeMadeForAProductNameThatIsAPath() {
        PatchbayException e = assertThrows(PatchbayException.class, () -> new Manifest("../../evil",
                Version.parse("1"), Version.parse("0"), Channel.STABLE, true, false, Instant.EPOCH, false, List.of()));
        assertEquals(true, e.getMessage().startsWith("not a product name: '../../evil'"));
    }

    @Test
    void unsafeRemovePathIsRefusedWithItsLine() {
        assertEquals("kit.ini line 13: remove path '../etc/passwd' has a '..' segment",
                errorFor("remove = lib/old, with comma.jar", "remove = ../etc/passwd"));
    }

    @Test
    void requiresNewerThanVersionIsRefused() {
        assertEquals("kit.ini line 4: requires 13 is newer than the version 12.10.11",
                errorFor("requires = 12.10.0", "requires = 13"));
    }

    @Test
    void garbageLineIsRefusedWithItsLine() {
        assertEquals("kit.ini line 1: missing key 'product' in [release]: " + ManifestKey.PRODUCT.meaning() + "\n"
                + "kit.ini line 2: not a section, key = value or comment: 'product Spruce'",
                errorFor("product = Spruce", "product Spruce"));
    }

    @Test
    void oversizedManifestIsRefusedBeforeParsing() {
        byte[] big = new byte[ManifestCodec.MAX_BYTES + 1];
        assertEquals("kit.ini is too large: 65537 bytes (at most 65536)",
                assertThrows(PatchbayException.class, () -> ManifestCodec.read(big)).getMessage());
    }
}
