package io.patchbay.app.ui.desktop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecentWorkspacesTest {
    @TempDir
    Path dir;

    @Test
    void aMissingFileIsAnEmptyList() throws Exception {
        assertEquals(List.of(), new RecentWorkspaces(dir.resolve("config")).read());
    }

    @Test
    void theLatestOpenedComesFirstAndAnEarlierOneMovesUpInsteadOfTwice() throws Exception {
        RecentWorkspaces recent = new RecentWorkspaces(dir.resolve("config"));
        recent.add(dir.resolve("a"));
        recent.add(dir.resolve("b"));
        List<Path> list = recent.add(dir.resolve("x/../a"));

        assertEquals(List.of(dir.resolve("a"), dir.resolve("b")), list);
        assertEquals(list, new RecentWorkspaces(dir.resolve("config")).read(), "kept across restarts");
    }

    @Test
    void onlyTheNewestEightAreKept() throws Exception {
        RecentWorkspaces recent = new RecentWorkspaces(dir);
        IntStream.rangeClosed(1, 10).forEach(i -> {
            try {
                recent.add(dir.resolve("ws" + i));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<Path> list = recent.read();
        assertEquals(RecentWorkspaces.MAX, list.size());
        assertEquals(dir.resolve("ws10"), list.get(0));
        assertEquals(dir.resolve("ws3"), list.get(RecentWorkspaces.MAX - 1));
    }

    @Test
    void aLineThatIsNoAbsolutePathIsSkipped() throws Exception {
        Files.writeString(dir.resolve(RecentWorkspaces.FILE), "relative/ws\n\n" + dir.resolve("ok") + "\n");
        assertEquals(List.of(dir.resolve("ok")), new RecentWorkspaces(dir).read());
    }

    @Test
    void theConfigFolderFollowsXdgConfigHomeElseDotConfig() {
        Path home = Path.of("/home/ana");
        assertEquals(Path.of("/xdg/patchbay"), RecentWorkspaces.userConfigDir(Map.of("XDG_CONFIG_HOME", "/xdg"), home));
        assertEquals(Path.of("/home/ana/.config/patchbay"), RecentWorkspaces.userConfigDir(Map.of(), home));
        assertEquals(Path.of("/home/ana/.config/patchbay"),
                RecentWorkspaces.userConfigDir(Map.of("XDG_CONFIG_HOME", "relative"), home), "the spec ignores a relative one");
    }
}
