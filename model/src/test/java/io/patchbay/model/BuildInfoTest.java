package io.patchbay.model;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildInfoTest {
    @Test
    void theBuildStampsTheMavenVersionAndTheGitCommitItWasBuiltFrom() {
        BuildInfo build = BuildInfo.current();
        assertTrue(build.version().matches("\\d+\\.\\d+\\.\\d+.*"), build.version());
        assertTrue(build.commit().matches("[0-9a-f]{12}(-dirty)?"), build.commit());
        assertNotNull(build.committed(), "the commit's date");
    }

    @Test
    void lineNamesVersionCommitAndCommitTimeInUtc() {
        Properties p = new Properties();
        p.setProperty("version", "1.2.3");
        p.setProperty("commit", "0123456789ab");
        p.setProperty("date", "2026-12-02T05:40:00+01:00");
        BuildInfo build = BuildInfo.parse(p);
        assertEquals(new BuildInfo("1.2.3", "0123456789ab", OffsetDateTime.of(2026, 12, 2, 4, 40, 0, 0, ZoneOffset.UTC)), build);
        assertEquals("1.2.3 (commit 0123456789ab, 2026-12-02 04:40 UTC)", build.line());
    }

    @Test
    void aBuildWithoutGitSaysTheCommitIsUnknownAndShowsNoDate() {
        Properties p = new Properties();
        p.setProperty("version", "1.2.3");
        p.setProperty("commit", "${build.commit}");
        p.setProperty("date", "${build.date}");
        assertEquals("1.2.3 (commit unknown)", BuildInfo.parse(p).line());
    }

    @Test
    void classesRunWithoutTheResourceCallThemselvesADevelopmentBuild() {
        assertEquals("development build (commit unknown)", BuildInfo.parse(new Properties()).line());
    }
}
