package io.patchbay.model.kit;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;
import org.ini4j.Config;
import org.ini4j.Ini;
import org.ini4j.Profile;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads, validates and writes {@code kit.ini} (ini4j). Every refusal names the key and its line:
 * ini4j keeps no line numbers, so a small scan of the raw text records where each section and key
 * sits, and also refuses lines that are neither a section, a {@code key = value}, a comment nor blank.
 *
 * <p>Values may carry a trailing comment after whitespace ({@code channel = stable ; or beta}), as in
 * design.md. {@code [install] remove} takes one path per key and may be repeated, one line per file
 * (paths may contain commas, so no comma lists). {@code [backup]} and {@code [install]} are optional
 * ({@code data} defaults to false); every {@code [release]} key is required.
 */
public final class ManifestCodec {
    public static final String FILE = "kit.ini";
    /** A manifest is a few lines; anything larger is refused before parsing. */
    public static final int MAX_BYTES = 64 * 1024;

    /** The known keys of each section, from {@link ManifestKey}. */
    private static final Map<String, Set<String>> KEYS = Arrays.stream(ManifestKey.values()).collect(
            Collectors.groupingBy(ManifestKey::section, LinkedHashMap::new,
                    Collectors.mapping(ManifestKey::key, Collectors.toSet())));

    private static final Pattern SECTION = Pattern.compile("\\s*\\[([^\\]]*)\\]\\s*([;#].*)?");
    private static final Pattern KEY = Pattern.compile("\\s*([^=:\\s\\[;#][^=:]*?)\\s*[=:].*");
    private static final Pattern TRAILING_COMMENT = Pattern.compile("\\s+[;#].*$");

    private ManifestCodec() {
    }

    public static Manifest read(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new PatchbayException(FILE + " is too large: " + bytes.length + " bytes (at most " + MAX_BYTES + ")");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new PatchbayException(FILE + " is not UTF-8 text");
        }
        return read(text);
    }

    /**
     * The manifest in {@code text}, or a {@link ManifestProblems} listing every bad line, unknown or repeated key
     * and missing or bad value at once, each with its line: a person fixes them all in one go.
     */
    public static Manifest read(String text) {
        if (text.length() > MAX_BYTES) {
            throw new PatchbayException(FILE + " is too large: more than " + MAX_BYTES + " bytes");
        }
        List<ManifestProblems.Problem> problems = new ArrayList<>();
        Lines lines = Lines.scan(text, problems);
        Ini ini = new Ini();
        ini.setConfig(config());
        try {
            ini.load(new StringReader(lines.parsable()));
        } catch (IOException e) {
            throw new PatchbayException(FILE + " is malformed: " + e.getMessage());
        }
        for (String section : ini.keySet()) {
            if (ini.getAll(section).size() > 1) {
                problems.add(lines.problem(section, null, 2, "section [" + section + "] appears twice"));
            }
            Set<String> known = KEYS.get(section);
            if (known == null) {
                problems.add(lines.problem(section, null, 1, "unknown section [" + section + "]"));
                continue;
            }
            Profile.Section s = ini.get(section);
            for (String key : s.keySet()) {
                if (!known.contains(key)) {
                    problems.add(lines.problem(section, key, 1, "unknown key '" + key + "' in [" + section + "]"));
                } else if (!key.equals("remove") && s.getAll(key).size() > 1) {
                    problems.add(lines.problem(section, key, 2, "key '" + key + "' appears twice in [" + section + "]"));
                }
            }
        }
        Values v = new Values(ini, lines, problems);
        String product = v.required("release", "product", ManifestCodec::product);
        Version version = v.required("release", "version", Version::parse);
        Version requires = v.required("release", "requires", Version::parse);
        if (version != null && requires != null && requires.isNewerThan(version)) {
            problems.add(lines.problem("release", "requires", 1,
                    "requires " + requires + " is newer than the version " + version));
        }
        Channel channel = v.required("release", "channel", Channel::parse);
        Boolean automatic = v.required("release", "automatic", ManifestCodec::bool);
        Boolean major = v.required("release", "major", ManifestCodec::bool);
        Instant released = v.required("release", "released", ManifestCodec::instant);
        Boolean backupData = v.optional("backup", "data", ManifestCodec::bool, false);
        String builtBy = v.optional("build", "by", t -> t, null);
        Manifest.DeltaBase delta = deltaBase(v);
        if (delta != null && version != null && !version.isNewerThan(delta.version())) {
            problems.add(lines.problem("delta", "base", 1,
                    "the delta's base " + delta.version() + " is not older than the version " + version));
        }
        List<String> remove = new ArrayList<>();
        List<String> raw = v.all("install", "remove");
        for (int i = 0; i < raw.size(); i++) {
            String path = raw.get(i);
            String problem = KitPaths.problem(path);
            if (problem != null) {
                problems.add(lines.problem("install", "remove", i + 1, "remove path '" + path + "' has " + problem));
            }
            remove.add(path);
        }
        if (!problems.isEmpty()) {
            throw new ManifestProblems(problems);
        }
        return new Manifest(product, version, requires, channel, automatic, major, released, backupData, remove, builtBy,
                delta);
    }

    /** {@code [delta]}: both keys or neither (a full kit). */
    private static Manifest.DeltaBase deltaBase(Values v) {
        if (v.all("delta", "base").isEmpty() && v.all("delta", "base-checksums").isEmpty()) {
            return null;
        }
        Version base = v.required("delta", "base", Version::parse);
        String checksums = v.required("delta", "base-checksums", t -> {
            if (!t.matches("[0-9a-f]{64}")) {
                throw new PatchbayException("not a SHA-256: '" + t + "' (expected 64 lowercase hex digits)");
            }
            return t;
        });
        return base == null || checksums == null ? null : new Manifest.DeltaBase(base, checksums);
    }

    /** The canonical text of a manifest; {@link #read} of it gives the same record back. */
    public static String write(Manifest m) {
        Ini ini = new Ini();
        ini.setConfig(config());
        Profile.Section release = ini.add("release");
        release.add("product", checkValue("product", m.product()));
        release.add("version", m.version().toString());
        release.add("requires", m.requires().toString());
        release.add("channel", m.channel().word());
        release.add("automatic", Boolean.toString(m.automatic()));
        release.add("major", Boolean.toString(m.major()));
        release.add("released", m.released().toString());
        ini.add("backup").add("data", Boolean.toString(m.backupData()));
        if (!m.remove().isEmpty()) {
            Profile.Section install = ini.add("install");
            for (String path : m.remove()) {
                String problem = KitPaths.problem(path);
                if (problem != null) {
                    throw new PatchbayException("remove path '" + path + "' has " + problem);
                }
                install.add("remove", checkValue("remove", path));
            }
        }
        if (m.builtBy() != null) {
            ini.add("build").add("by", checkValue("by", m.builtBy()));
        }
        if (m.delta() != null) {
            Profile.Section delta = ini.add("delta");
            delta.add("base", m.delta().version().toString());
            delta.add("base-checksums", m.delta().checksums());
        }
        StringWriter out = new StringWriter();
        try {
            ini.store(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().replace("\r\n", "\n");
    }

    public static byte[] writeBytes(Manifest m) {
        return write(m).getBytes(StandardCharsets.UTF_8);
    }

    private static String checkValue(String key, String value) {
        if (value.isBlank() || value.contains("\n") || value.contains("\r") || TRAILING_COMMENT.matcher(value).find()
                || !value.equals(value.strip())) {
            throw new PatchbayException("the manifest value of '" + key + "' cannot be written: '" + value + "'");
        }
        return value;
    }

    private static Config config() {
        Config c = Config.getGlobal().clone();
        c.setMultiOption(true);
        c.setMultiSection(true);
        c.setEscape(false);
        c.setEmptyOption(true);
        c.setLineSeparator("\n");
        return c;
    }

    private static String product(String text) {
        return ProductNames.check(text);
    }

    private static boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new PatchbayException("not a boolean: '" + text + "' (expected true or false)");
        };
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new PatchbayException("not a date: '" + text + "' (expected an ISO instant such as 2026-11-20T09:00:00Z)");
        }
    }

    /**
     * Values by section and key, with trailing comments cut; a missing or bad value is added to the problems and
     * read as null, so that the other keys are still checked.
     */
    private record Values(Ini ini, Lines lines, List<ManifestProblems.Problem> problems) {
        <T> T required(String section, String key, Function<String, T> parse) {
            List<String> all = all(section, key);
            if (all.isEmpty()) {
                problems.add(lines.problem(section, null, 1, "missing key '" + key + "' in [" + section + "]: "
                        + ManifestKey.of(section, key).meaning()));
                return null;
            }
            return parse(section, key, all.get(0), parse);
        }

        <T> T optional(String section, String key, Function<String, T> parse, T fallback) {
            List<String> all = all(section, key);
            return all.isEmpty() ? fallback : parse(section, key, all.get(0), parse);
        }

        private <T> T parse(String section, String key, String value, Function<String, T> parse) {
            try {
                return parse.apply(value);
            } catch (PatchbayException e) {
                problems.add(lines.problem(section, key, 1, key + ": " + e.getMessage()));
                return null;
            }
        }

        List<String> all(String section, String key) {
            Profile.Section s = ini.get(section);
            if (s == null || s.getAll(key) == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (String raw : s.getAll(key)) {
                out.add(raw == null ? "" : TRAILING_COMMENT.matcher(raw).replaceFirst("").strip());
            }
            return out;
        }
    }

    /**
     * Where each section header and key sits in the raw text, 1-based, and the text ini4j reads: a line that is
     * neither a section, a key, a comment nor blank is a problem and is blanked out, so the rest is still checked.
     */
    private record Lines(Map<String, List<Integer>> at, int count, String parsable) {
        static Lines scan(String text, List<ManifestProblems.Problem> problems) {
            Map<String, List<Integer>> at = new HashMap<>();
            String section = null;
            String[] lines = text.split("\\R", -1);
            StringBuilder parsable = new StringBuilder();
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                String trimmed = line.strip();
                int number = i + 1;
                String kept = line;
                if (!trimmed.isEmpty() && !trimmed.startsWith(";") && !trimmed.startsWith("#")) {
                    var sectionMatch = SECTION.matcher(line);
                    var keyMatch = KEY.matcher(line);
                    if (sectionMatch.matches()) {
                        section = sectionMatch.group(1).strip();
                        at.computeIfAbsent(section, k -> new ArrayList<>()).add(number);
                    } else if (!keyMatch.matches()) {
                        problems.add(new ManifestProblems.Problem(number,
                                "not a section, key = value or comment: '" + trimmed + "'"));
                        kept = "";
                    } else if (section == null) {
                        problems.add(new ManifestProblems.Problem(number,
                                "key '" + keyMatch.group(1) + "' comes before any [section]"));
                        kept = "";
                    } else {
                        at.computeIfAbsent(section + "\u0000" + keyMatch.group(1), k -> new ArrayList<>()).add(number);
                    }
                }
                parsable.append(kept).append('\n');
            }
            return new Lines(at, lines.length, parsable.toString());
        }

        /**
         * A problem at the {@code occurrence}-th line of the key (or of the section when key is null); a missing
         * key is placed on its section's header, a missing section on the last line.
         */
        ManifestProblems.Problem problem(String section, String key, int occurrence, String message) {
            List<Integer> found = at.get(key == null ? section : section + "\u0000" + key);
            int line;
            if (found != null && found.size() >= occurrence) {
                line = found.get(occurrence - 1);
            } else if (at.containsKey(section)) {
                line = at.get(section).get(0);
            } else {
                line = count;
            }
            return new ManifestProblems.Problem(line, message);
        }
    }
}
