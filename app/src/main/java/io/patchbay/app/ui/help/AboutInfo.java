package io.patchbay.app.ui.help;

import io.patchbay.model.BuildInfo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Help > About tells: which build this is, what it runs on, and where its files are, for a person writing to
 * support.
 *
 * @param build     this build
 * @param java      e.g. "17.0.15 (Debian)"
 * @param javaFx    the JavaFX runtime's version
 * @param workspace the open workspace (folder or team database), or "none open"
 * @param logs      where the client's log goes
 */
public record AboutInfo(BuildInfo build, String java, String javaFx, String workspace, String logs) {
    /**
     * The client logs through SLF4J's simple logger to standard error: started from a terminal, the log is there;
     * started from the desktop menu, the desktop session keeps it (its journal).
     */
    public static final String LOGS = "standard error (the terminal that started Patchbay; from the desktop menu, "
            + "the session's journal: journalctl --user)";

    /** This process: the build's stamp and the runtime's system properties. */
    public static AboutInfo current(String workspace) {
        return new AboutInfo(BuildInfo.current(),
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("javafx.runtime.version", System.getProperty("javafx.version", "unknown")),
                workspace == null ? "none open" : workspace, LOGS);
    }

    /** The rows in the order shown, label to value. */
    public Map<String, String> rows() {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("Version", build.version());
        rows.put("Build", build.source());
        rows.put("Java", java);
        rows.put("JavaFX", javaFx);
        rows.put("Workspace", workspace);
        rows.put("Logs", logs);
        return rows;
    }
}
