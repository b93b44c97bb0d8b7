package io.patchbay.e2e;

import io.patchbay.model.json.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the end-to-end tests share, every step through the real launcher: a signing key ({@code keys init}),
 * a Spruce 12.10.11 kit built from a one-script tree ({@code kit build}) and added as a release, a site
 * folder with Spruce 12.10.10 installed, an agent home trusting the key ({@code agent init}), and reading
 * the site's state back with {@code status --refresh --json}.
 */
final class SpruceShipment {
    /** The file name of the Spruce 12.10.11 kit the tests build. */
    static final String KIT = "Spruce-12.10.11.kit";

    static final String MANIFEST = """
            [release]
            product = Spruce
            version = 12.10.11
            requires = 12.10.0
            channel = stable
            automatic = true
            major = false
            released = 2026-11-20T09:00:00Z
            """;

    final Launcher pb;
    final Path dir;
    final Path workspace;
    final Path keys;
    final Path installRoot;
    final Path agentHome;

    SpruceShipment(Path dir) throws Exception {
        this.dir = dir;
        this.pb = new Launcher(dir.resolve("logs"));
        this.workspace = dir.resolve("workspace");
        this.keys = dir.resolve("keys");
        SiteHome first = siteAt(dir.resolve("site"), "site");
        this.installRoot = first.installRoot();
        this.agentHome = first.agentHome();
        pb.run("keys", "init", "--dir", keys.toString()).ok();
    }

    /** A site's folders: its install root, with Spruce 12.10.10 installed by hand, and its agent's home. */
    record SiteHome(String name, Path installRoot, Path agentHome) {
    }

    /** Another site beside the first, under {@code dir/sites/NAME}. */
    SiteHome site(String name) throws Exception {
        return siteAt(dir.resolve("sites").resolve(name), name);
    }

    private static SiteHome siteAt(Path folder, String name) throws Exception {
        Path root = Files.createDirectories(folder.resolve("spruce"));
        Files.createDirectories(root.resolve("bin"));
        Files.writeString(root.resolve("bin/spruce.sh"), "echo spruce 12.10.10\n");
        return new SiteHome(name, root, folder.resolve("agent"));
    }

    Path signingKey() {
        return keys.resolve("signing.key");
    }

    Path signingPub() {
        return keys.resolve("signing.pub");
    }

    /** Builds Spruce 12.10.11 ({@code bin/spruce.sh}) with {@link #MANIFEST} plus {@code moreIni}, extra kit options. */
    Path buildKit(String moreIni, String... options) throws Exception {
        return buildVersion("12.10.11", moreIni, options);
    }

    /**
     * Builds Spruce {@code version} from {@code dir/build} ({@code bin/spruce.sh} saying the version, and whatever
     * else the test put there) with {@link #MANIFEST} for that version plus {@code moreIni}: {@code dir/Spruce-VERSION.kit}.
     */
    Path buildVersion(String version, String moreIni, String... options) throws Exception {
        Path src = Files.createDirectories(dir.resolve("build/bin"));
        Files.writeString(src.resolve("spruce.sh"), "echo spruce " + version + "\n");
        Path manifest = Files.writeString(dir.resolve("kit.ini"),
                MANIFEST.replace("version = 12.10.11", "version = " + version) + moreIni);
        Path kit = dir.resolve("Spruce-" + version + ".kit");
        List<String> args = new ArrayList<>(List.of("kit", "build", "--source",
                src.getParent().toString(), "--manifest", manifest.toString(), "--key", signingKey().toString(),
                "--out", kit.toString()));
        args.addAll(List.of(options));
        pb.run(args.toArray(String[]::new)).ok();
        return kit;
    }

    /** {@link #buildKit} and {@code release add}. */
    Path addRelease(String moreIni, String... kitOptions) throws Exception {
        Path kit = buildKit(moreIni, kitOptions);
        pb.run("release", "add", kit.toString(), "--workspace", workspace.toString()).ok();
        return kit;
    }

    /** {@code agent init} for the site, trusting the signing key, ticking every second, plus {@code options}. */
    void initAgent(String... options) throws Exception {
        initAgent(new SiteHome("site", installRoot, agentHome), options);
    }

    /** {@code agent init} for {@code site}, as {@link #initAgent(String...)}. */
    void initAgent(SiteHome site, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("agent", "init", "--home",
                site.agentHome().toString(), "--install-root", site.installRoot().toString(), "--trust",
                signingPub().toString(), "--tick", "1"));
        args.addAll(List.of(options));
        pb.run(args.toArray(String[]::new)).ok();
    }

    /** Runs {@code patchbay ARGS --workspace WORKSPACE}. */
    Launcher.Result workstation(String... args) throws Exception {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--workspace";
        all[args.length + 1] = workspace.toString();
        return pb.run(all);
    }

    /** Polls {@code patchbay status --refresh --json} until the site's cell reads {@code word}; returns the last word seen. */
    String awaitStatus(String site, String word, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        String seen = null;
        while (System.nanoTime() < end) {
            seen = words().get(site);
            if (word.equals(seen)) {
                return seen;
            }
            Thread.sleep(1000);
        }
        return seen;
    }

    private Map<String, String> words() throws Exception {
        var rows = Json.mapper().readTree(workstation("status", "--refresh", "--json").ok().out());
        Map<String, String> words = new TreeMap<>();
        rows.forEach(r -> words.put(r.get("site").asText(), r.get("state").asText()));
        return words;
    }

    /** Stops a started process (the agent) if it still runs. */
    static void stop(Launcher.Running running) throws InterruptedException {
        if (running != null && running.process.isAlive()) {
            running.process.destroyForcibly().waitFor();
        }
    }
}
