package io.patchbay.agent.install;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.io.FileHashes;
import io.patchbay.model.io.ParallelJobs;
import io.patchbay.model.kit.ChecksumList;
import io.patchbay.model.kit.KitLayout;
import io.patchbay.model.kit.KitReader;
import io.patchbay.model.kit.zip.ZipEntryHeader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The new state of every installed file, kept for support under {@code backups/<id>/post/} (the seed's
 * "post-upgrade backup", to hand to another site or to check against the build). A file the install left
 * exactly as the kit has it (still the staged file, as planned) is not copied: it is listed in
 * {@code post/from-kit.sha256} and the kit file itself is kept in {@code post/kit/} (a hard link where
 * possible), so the backup stays whole if the patch folder goes. A file a hook changed is copied to
 * {@code post/<root>/<path>}. {@link #export} writes the whole state back out of either.
 *
 * <p>A file the release lists that the install did not touch (a delta leaves the files it did not change where they
 * are installed, checked) is copied from the site too, so the backup holds the whole release after a delta as after
 * its full kit. Each copy is checked against the release's checksum; one that differs (a hook rewrote it) is kept as
 * it is, as a full kit's backup keeps a file a hook changed, and logged: the workstation's check lists it.
 */
public final class PostInstallBackup {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PostInstallBackup.class);
    static final String FROM_KIT = "from-kit.sha256";
    /** The backup's copy of the kit, which {@link #export(Path, Path, Path)} can do without. */
    public static final String KIT_DIR = "kit";

    private final InstallContext context;
    private final AgentHomeLayout layout;
    private final long id;

    PostInstallBackup(InstallContext context, AgentHomeLayout layout, long id) {
        this.context = context;
        this.layout = layout;
        this.id = id;
    }

    void take(Plan plan, StepProbe probe, ExecutorService pool) throws IOException {
        Path post = layout.backup(id).resolve("post");
        Map<String, ChecksumList.Line> listed = releaseList();
        Optional<Map<String, ChecksumList.Line>> signed = context.kit() != null && Files.isRegularFile(context.kit())
                ? Optional.of(listed) : Optional.empty();
        ConcurrentLinkedQueue<String> fromKit = new ConcurrentLinkedQueue<>();
        List<Future<?>> jobs = new ArrayList<>();
        Set<String> planned = new HashSet<>();
        int n = 0;
        for (PlanEntry e : plan.entries()) {
            n++;
            planned.add(kitName(e));
            if (e.kind() == PlanEntry.Kind.REMOVE) {
                continue;
            }
            String point = "post-backup:" + n;
            jobs.add(pool.submit(() -> {
                Path installed = Plan.target(context, e);
                Path copy = layout.postBackup(id, e.root()).resolve(e.path());
                Files.deleteIfExists(copy);
                ChecksumList.Line line = signed.map(m -> m.get(kitName(e))).orElse(null);
                if (line != null && asPlanned(e, installed) && line.size() == e.size()) {
                    fromKit.add(line.sha256() + "  " + e.root() + "/" + e.path());
                } else {
                    Files.createDirectories(copy.getParent());
                    FileOps.copyForced(installed, copy);
                }
                probe.reached(point);
                return null;
            }));
        }
        for (ChecksumList.Line line : listed.values()) {
            PlanEntry e = untouched(line, planned);
            if (e != null) {
                String point = "post-backup:" + ++n;
                jobs.add(pool.submit(() -> {
                    copyChecked(Plan.target(context, e), layout.postBackup(id, e.root()).resolve(e.path()), line);
                    probe.reached(point);
                    return null;
                }));
            }
        }
        ParallelJobs.awaitAll(jobs, "the post-install backup");
        Files.createDirectories(post);
        if (!fromKit.isEmpty()) {
            keepKit(post.resolve(KIT_DIR));
            List<String> lines = new ArrayList<>(fromKit);
            lines.sort(null);
            AtomicFiles.write(post.resolve(FROM_KIT), (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        AtomicFiles.forceDirectory(post);
    }

    /**
     * Writes the installed state a post-install backup holds into {@code target} ({@code target/<root>/<path>}):
     * copied files as they are, the others out of the kept kit, each checked against its SHA-256.
     */
    public static void export(Path post, Path target) throws IOException {
        export(post, null, target);
    }

    /**
     * As {@link #export(Path, Path)}, but the files kept as "from the kit" come out of {@code kit} when it is given:
     * the workstation has the release's kit, so {@code site fetch-backup} need not carry the site's copy back.
     */
    public static void export(Path post, Path kit, Path target) throws IOException {
        for (String root : List.of(PlanEntry.INSTALL, PlanEntry.DATA)) {
            if (Files.isDirectory(post.resolve(root))) {
                FileOps.copyTree(post.resolve(root), target.resolve(root));
            }
        }
        Path list = post.resolve(FROM_KIT);
        if (!Files.exists(list)) {
            return;
        }
        Path from = kit;
        if (from == null) {
            try (var kits = Files.list(post.resolve(KIT_DIR))) {
                from = kits.findFirst().orElseThrow(() -> new PatchbayException("the backup " + post + " lost its kit"));
            }
        }
        try (KitReader reader = KitReader.open(from)) {
            Map<String, ZipEntryHeader> entries = new java.util.HashMap<>();
            reader.archive().entries().forEach(h -> entries.put(h.name(), h));
            for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                String sha = line.substring(0, 64);
                String rootAndPath = line.substring(66);
                int slash = rootAndPath.indexOf('/');
                PlanEntry e = new PlanEntry(rootAndPath.substring(0, slash), rootAndPath.substring(slash + 1),
                        PlanEntry.Kind.REPLACE);
                ZipEntryHeader header = entries.get(kitName(e));
                if (header == null) {
                    throw new PatchbayException("the kit in " + post + " has no " + kitName(e));
                }
                Path out = target.resolve(rootAndPath);
                Files.createDirectories(out.getParent());
                try (InputStream in = reader.open(header, header.size())) {
                    Files.copy(in, out);
                }
                if (!sha.equals(FileHashes.sha256(out))) {
                    throw new PatchbayException(kitName(e) + " in the backup's kit does not match " + FROM_KIT);
                }
            }
        }
    }

    /**
     * The installed file is still the staged one as planned: same size and modification time. (Apply moved or
     * copied it with its time; a hook that rewrote it changed one or the other.) Hashing every file instead
     * would read the whole release back from disk.
     */
    private static boolean asPlanned(PlanEntry e, Path installed) throws IOException {
        if (e.size() == null || e.modified() == null) {
            return false;
        }
        BasicFileAttributes a = Files.readAttributes(installed, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return a.isRegularFile() && a.size() == e.size() && a.lastModifiedTime().toMillis() == e.modified();
    }

    /** The release's checksum list as staged (verified when it was extracted or applied), by kit name. */
    private Map<String, ChecksumList.Line> releaseList() throws IOException {
        Path checksums = context.staging().resolve(KitLayout.CHECKSUMS);
        return Files.isRegularFile(checksums) ? ChecksumList.parse(Files.readAllBytes(checksums)).byName() : Map.of();
    }

    /** The installed file of a payload or data line the plan did not install (a delta left it in place), or null. */
    private PlanEntry untouched(ChecksumList.Line line, Set<String> planned) {
        if (planned.contains(line.name())) {
            return null;
        }
        if (line.name().startsWith(KitLayout.PAYLOAD)) {
            return new PlanEntry(PlanEntry.INSTALL, line.name().substring(KitLayout.PAYLOAD.length()), PlanEntry.Kind.REPLACE);
        }
        if (line.name().startsWith(KitLayout.DATA) && context.dataRoot() != null) {
            return new PlanEntry(PlanEntry.DATA, line.name().substring(KitLayout.DATA.length()), PlanEntry.Kind.REPLACE);
        }
        return null;
    }

    /** Copies an installed file the install left in place, and says when the copy is not the release's file. */
    private static void copyChecked(Path installed, Path copy, ChecksumList.Line line) throws IOException {
        Files.createDirectories(copy.getParent());
        Files.deleteIfExists(copy);
        if (!Files.isRegularFile(installed, LinkOption.NOFOLLOW_LINKS)) {
            LOG.warn("post-install backup: {} is not installed (removed during the installation?)", line.name());
            return;
        }
        FileOps.copyForced(installed, copy);
        if (Files.size(copy) != line.size() || !FileHashes.sha256(copy).equals(line.sha256())) {
            LOG.warn("post-install backup: {} as installed is not the release's (changed during the installation)",
                    line.name());
        }
    }

    private void keepKit(Path dir) throws IOException {
        Path copy = dir.resolve(context.kit().getFileName().toString());
        Files.createDirectories(dir);
        Files.deleteIfExists(copy);
        try {
            Files.createLink(copy, context.kit());
        } catch (IOException | UnsupportedOperationException e) {
            FileOps.copyForced(context.kit(), copy); // another file system: the kit is copied once
        }
        AtomicFiles.forceDirectory(dir);
    }

    private static String kitName(PlanEntry e) {
        return (PlanEntry.DATA.equals(e.root()) ? KitLayout.DATA : KitLayout.PAYLOAD) + e.path();
    }
}
