package io.patchbay.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.patchbay.app.cli.KitCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The list commands of an empty workspace: as text, what to do to get a first row; as JSON, an empty array. */
class ListCommandTest {
    @TempDir
    Path dir;

    @Test
    void anEmptyListSaysHowToGetAFirstRowAndItsJsonIsAnEmptyArray() {
        String ws = dir.resolve("ws").toString();
        assertEquals(0, run("workspace", "init", "--workspace", ws).exit());
        Map<String, String> hints = Map.of(
                "site", "no sites yet: add one with `patchbay site add NAME --sftp ... --identity ...`\n",
                "release", "no releases yet: add one with `patchbay release add FILE.kit`\n",
                "rollout", "no rollouts yet: start one with `patchbay rollout start VERSION --all`\n");
        hints.forEach((command, hint) -> {
            KitCommandTest.Run text = run(command, "list", "--workspace", ws);
            assertEquals(new KitCommandTest.Run(0, hint, ""), text, command);
            KitCommandTest.Run json = run(command, "list", "--json", "--workspace", ws);
            assertEquals(new KitCommandTest.Run(0, "[ ]\n", ""), json, command);
        });
    }
}
