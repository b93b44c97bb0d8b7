package io.patchbay.app.ui.console;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** What the site console read from an agent home in one go (off the FX thread). */
record ConsoleSnapshot(Path home, String site, ZoneId zone, Map<String, String> installed, List<PatchRow> patches) {
}
