package io.patchbay.app.ui.desktop;

import io.patchbay.model.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The workspaces a person opened lately, newest first, kept in their config folder ({@code recent-workspaces}, one
 * absolute path a line) so File > Open recent survives a restart. The file is written atomically; a missing file is
 * an empty list, and a line that is not an absolute path is skipped rather than shown.
 */
public final class RecentWorkspaces {
    public static final String FILE = "recent-workspaces";
    static final int MAX = 8;

    private final Path file;

    public RecentWorkspaces(Path configDir) {
        this.file = configDir.resolve(FILE);
    }

    /**
     * The user's config folder: {@code $XDG_CONFIG_HOME/patchbay}, else {@code ~/.config/patchbay} (the XDG base
     * directory rule desktop applications follow).
     */
    public static Path userConfigDir(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".config");
        return base.resolve("patchbay");
    }

    public List<Path> read() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank() && Path.of(line).isAbsolute() && out.size() < MAX) {
                out.add(Path.of(line).normalize());
            }
        }
        return List.copyOf(out);
    }

    /** Puts the workspace first (moving it up when it was listed) and keeps the newest {@value #MAX}. */
    public List<Path> add(Path workspace) throws IOException {
        Path abs = workspace.toAbsolutePath().normalize();
        List<Path> list = new ArrayList<>(read());
        list.remove(abs);
        list.add(0, abs);
        List<Path> kept = List.copyOf(list.subList(0, Math.min(MAX, list.size())));
        StringBuilder text = new StringBuilder();
        kept.forEach(p -> text.append(p).append('\n'));
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        return kept;
    }
}
