package io.patchbay.app.ui.help;

import io.patchbay.model.BuildInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AboutInfoTest {
    @Test
    void aboutNamesTheBuildTheRuntimeAndWhereTheWorkspaceAndLogsAre() {
        AboutInfo about = AboutInfo.current("/home/ana/.patchbay");
        Map<String, String> rows = about.rows();

        assertEquals(List.of("Version", "Build", "Java", "JavaFX", "Workspace", "Logs"), List.copyOf(rows.keySet()));
        assertEquals(BuildInfo.current().version(), rows.get("Version"));
        assertEquals(BuildInfo.current().source(), rows.get("Build"));
        assertEquals(System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")", rows.get("Java"));
        assertEquals("/home/ana/.patchbay", rows.get("Workspace"));
        assertEquals(AboutInfo.LOGS, rows.get("Logs"));
    }

    @Test
    void withoutAWorkspaceAboutSaysNoneIsOpen() {
        assertEquals("none open", AboutInfo.current(null).rows().get("Workspace"));
    }
}
