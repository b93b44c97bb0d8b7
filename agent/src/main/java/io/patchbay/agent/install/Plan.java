package io.patchbay.agent.install;

import io.patchbay.model.PatchbayException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What apply will change, worked out from the staged kit and the install root as they are right now:
 * every staged file (replace or create), every existing path the manifest removes, and the folders that
 * must be created. Pure reading; refuses a kit that would replace a folder with a file or leave a root.
 *
 * @param entries     the files, sorted by root and path
 * @param createdDirs the topmost folders that do not exist yet, per root
 */
record Plan(List<PlanEntry> entries, List<PlanEntry> createdDirs) {

    static Plan of(InstallContext request, List<String> remove) throws IOException {
        TreeMap<String, PlanEntry> entries = new TreeMap<>();
        Set<PlanEntry> createdDirs = new LinkedHashSet<>();
        for (String path : stagedFiles(request.payloadDir())) {
            add(entries, createdDirs, PlanEntry.INSTALL, request.installRoot(), request.payloadDir().resolve(path), path);
        }
        List<String> dataFiles = stagedFiles(request.dataDir());
        if (!dataFiles.isEmpty() && request.dataRoot() == null) {
            throw new PatchbayException("the kit carries data files but this site has no data root");
        }
        for (String path : dataFiles) {
            add(entries, createdDirs, PlanEntry.DATA, request.dataRoot(), request.dataDir().resolve(path), path);
        }
        for (String path : remove) {
            String clean = checkRelative(path, "remove path");
            if (entries.containsKey(PlanEntry.INSTALL + ":" + clean)) {
                throw new PatchbayException("'" + clean + "' is both in the payload and in the remove list");
            }
            if (FileOps.exists(resolve(request.installRoot(), clean))) {
                entries.put(PlanEntry.INSTALL + ":" + clean,
                        new PlanEntry(PlanEntry.INSTALL, clean, PlanEntry.Kind.REMOVE));
            }
        }
        return new Plan(List.copyOf(entries.values()), List.copyOf(createdDirs));
    }

    /** The file the entry names in the site. */
    static Path target(InstallContext request, PlanEntry entry) {
        return resolve(PlanEntry.DATA.equals(entry.root()) ? request.dataRoot() : request.installRoot(),
                entry.path());
    }

    /** The staged file an entry installs. */
    static Path source(InstallContext request, PlanEntry entry) {
        Path dir = PlanEntry.DATA.equals(entry.root()) ? request.dataDir() : request.payloadDir();
        return dir.resolve(entry.path());
    }

    private static void add(TreeMap<String, PlanEntry> entries, Set<PlanEntry> createdDirs, String root,
                            Path rootDir, Path stagedFile, String path) throws IOException {
        Path target = resolve(rootDir, path);
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new PatchbayException("the kit's file '" + path + "' would replace a folder in " + rootDir);
        }
        boolean exists = FileOps.exists(target);
        if (!exists) {
            Path topMissing = null;
            for (Path dir = target.getParent(); !dir.equals(rootDir); dir = dir.getParent()) {
                if (!FileOps.exists(dir)) {
                    topMissing = dir;
                } else if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    throw new PatchbayException("the kit's file '" + path + "' needs a folder where "
                            + rootDir.relativize(dir) + " is a file");
                }
            }
            if (topMissing != null) {
                createdDirs.add(new PlanEntry(root, slashes(rootDir.relativize(topMissing)), PlanEntry.Kind.CREATE));
            }
        }
        BasicFileAttributes staged = Files.readAttributes(stagedFile, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        entries.put(root + ":" + path, new PlanEntry(root, path, exists ? PlanEntry.Kind.REPLACE : PlanEntry.Kind.CREATE,
                staged.size(), staged.lastModifiedTime().toMillis()));
    }

    private static List<String> stagedFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.naturalOrder())::iterator) {
                if (Files.isSymbolicLink(p)) {
                    throw new PatchbayException("the staged kit holds a link: " + dir.relativize(p));
                }
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(checkRelative(slashes(dir.relativize(p)), "staged file"));
                }
            }
        }
        return files;
    }

    private static String checkRelative(String path, String what) {
        if (path == null || path.isBlank() || path.startsWith("/") || path.contains("\\")
                || path.matches("^[A-Za-z]:.*")) {
            throw new PatchbayException(what + " '" + path + "' is not a relative path with forward slashes");
        }
        for (String part : path.split("/")) {
            if (part.equals("..") || part.equals(".") || part.isEmpty()) {
                throw new PatchbayException(what + " '" + path + "' must not contain '.', '..' or empty parts");
            }
        }
        return path;
    }

    private static Path resolve(Path root, String relative) {
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new PatchbayException("'" + relative + "' leaves " + root);
        }
        return p;
    }

    private static String slashes(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }
}
