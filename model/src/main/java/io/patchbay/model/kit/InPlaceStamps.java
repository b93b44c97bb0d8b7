package io.patchbay.model.kit;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The size and modification time of every installed file a delta checked in place ({@link DeltaApplier.Unchanged#
 * VERIFIED_IN_PLACE}), kept in the staging folder as {@value #FILE}, so that the install can see, with one stat per
 * file and no reading, whether any of them changed between that check and the moment it replaces the changed files.
 * A changed one stops the install before a file moves: the release would otherwise be installed around a file that is
 * not its own, which its full kit would have replaced.
 */
public final class InPlaceStamps {
    /** In the staging folder, beside {@code kit.ini}: not a kit entry, never installed. */
    public static final String FILE = "in-place.stamps";

    /** One installed file as it was when its bytes were checked. */
    record Stamp(String name, long size, long modifiedNanos) {
        static Stamp of(String name, BasicFileAttributes a) {
            return new Stamp(name, a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS));
        }
    }

    private InPlaceStamps() {
    }

    static BasicFileAttributes stat(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    /** Writes the stamps, sorted by name: {@code SIZE MODIFIED-NANOS NAME} per line. */
    static void write(Path staging, Collection<Stamp> stamps) throws IOException {
        StringBuilder text = new StringBuilder();
        stamps.stream().sorted(Comparator.comparing(Stamp::name))
                .forEach(s -> text.append(s.size()).append(' ').append(s.modifiedNanos()).append(' ').append(s.name())
                        .append('\n'));
        AtomicFiles.write(staging.resolve(FILE), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Refuses (a {@link PatchbayException}) when a file the delta checked in place is no longer as it was: another
     * size or time, or gone. Nothing when {@code staging} has no stamps (a full kit's, or a whole tree).
     *
     * @param installRoot where {@code payload/x} is installed as {@code x}
     */
    public static void recheck(Path staging, Path installRoot) throws IOException {
        Path file = staging.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return;
        }
        for (Stamp s : read(file)) {
            Path installed = DeltaApplier.installed(installRoot, s.name());
            BasicFileAttributes now;
            try {
                now = stat(installed);
            } catch (NoSuchFileException e) {
                throw new PatchbayException(s.name() + " went missing on this site after the delta checked it; "
                        + "nothing was installed");
            }
            if (!Stamp.of(s.name(), now).equals(s)) {
                throw new PatchbayException(s.name() + " changed on this site after the delta checked it (size or time "
                        + "differ); nothing was installed");
            }
        }
    }

    private static List<Stamp> read(Path file) throws IOException {
        List<Stamp> stamps = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] parts = line.split(" ", 3);
            if (parts.length != 3) {
                throw new PatchbayException(file + " is damaged");
            }
            stamps.add(new Stamp(parts[2], Long.parseLong(parts[0]), Long.parseLong(parts[1])));
        }
        return stamps;
    }
}
