package io.patchbay.model.kit;

import io.patchbay.model.kit.zip.ZipEntryHeader;
import io.patchbay.model.kit.zip.ZipWriter;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/** Real inputs for kit tests, and a way to write signed kits that lie in one chosen way. */
final class TestKits {
    private TestKits() {
    }

    static Manifest manifest() {
        return new Manifest("Spruce", Version.parse("12.10.11"), Version.parse("12.10.0"), Channel.STABLE, true,
                false, Instant.parse("2026-11-20T09:00:00Z"), true, List.of("old/obsolete.jar"));
    }

    /** A payload folder with nested files, one executable; a data folder; hooks; notes. */
    static KitInputs inputs(Path dir, KeyPair key, Path out) throws IOException {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("lib/nested"));
        Files.writeString(src.resolve("lib/app.jar"), "pretend jar ".repeat(1000));
        Files.writeString(src.resolve("lib/nested/b.txt"), "b");
        Files.write(src.resolve("empty.bin"), new byte[0]);
        Path start = Files.writeString(src.resolve("start.sh"), "#!/bin/sh\necho hi\n");
        start.toFile().setExecutable(true);
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("export.csv"), "id,name\n1,a\n");
        Path hooks = dir.resolve("hooks");
        Files.createDirectories(hooks);
        Files.writeString(hooks.resolve("install"), "#!/bin/sh\nexit 0\n");
        Path notes = Files.writeString(dir.resolve("notes.md"), "# Spruce 12.10.11\n\n* fixed ~~bugs~~\n");
        return new KitInputs(src, manifest(), notes, data, hooks, key.getPrivate(), out);
    }

    /** An entry as it will sit in the archive. */
    record Raw(String name, int method, int mode, byte[] stored, long size, int crc) {
        static Raw stored(String name, byte[] data) {
            return new Raw(name, ZipEntryHeader.STORED, KitLayout.FILE_MODE, data, data.length, TestKits.crc(data));
        }

        Raw withMode(int newMode) {
            return new Raw(name, method, newMode, stored, size, crc);
        }
    }

    static int crc(byte[] data) {
        CRC32 c = new CRC32();
        c.update(data);
        return (int) c.getValue();
    }

    static String sha(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes a correctly signed kit of {@code files} (plus a valid kit.ini unless given), after letting
     * {@code lines} change the checksum list and {@code entries} change the archive's entries.
     */
    static Path signedKit(Path file, KeyPair key, Map<String, byte[]> files, Consumer<List<ChecksumList.Line>> lines,
                          Consumer<List<Raw>> entries) throws Exception {
        Map<String, byte[]> all = new TreeMap<>(files);
        all.putIfAbsent(KitLayout.MANIFEST, ManifestCodec.writeBytes(manifest()));
        List<ChecksumList.Line> list = new ArrayList<>();
        List<Raw> raws = new ArrayList<>();
        for (var e : all.entrySet()) {
            list.add(new ChecksumList.Line(e.getKey(), sha(e.getValue()), e.getValue().length, KitLayout.FILE_MODE));
            raws.add(Raw.stored(e.getKey(), e.getValue()));
        }
        lines.accept(list);
        byte[] checksums = new ChecksumList(list).toBytes();
        byte[] sig = KitSignature.sign(key.getPrivate(), key.getPublic(), all.get(KitLayout.MANIFEST), checksums).toBytes();
        raws.add(Raw.stored(KitLayout.CHECKSUMS, checksums));
        raws.add(Raw.stored(KitLayout.SIGNATURE, sig));
        raws.sort(java.util.Comparator.comparing(Raw::name));
        entries.accept(raws);
        return writeRaw(file, raws);
    }

    static Path writeRaw(Path file, List<Raw> raws) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ZipWriter.writeAll(ch,
                    raws.stream().map(r -> new ZipEntryHeader(r.name(), r.method(), r.crc(), r.stored().length, r.size(),
                            r.mode(), 0)).toList(),
                    raws.stream().map(Raw::stored).toList());
        }
        return file;
    }
}
