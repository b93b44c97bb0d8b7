package io.patchbay.app.demo;

import io.patchbay.model.io.FileTrees;
import io.patchbay.agent.home.AgentHome;
import io.patchbay.agent.home.AgentSetup;
import io.patchbay.agent.run.Agent;
import io.patchbay.agent.run.AgentDaemon;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.delivery.RetryBackoff;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.policy.InstallMode;
import io.patchbay.model.policy.PolicyCodec;
import io.patchbay.model.policy.PolicyStore;
import io.patchbay.model.policy.SitePolicy;
import io.patchbay.model.workspace.KitImport;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Site;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.transport.outbox.DeliveryWorker;
import io.patchbay.transport.outbox.Pushers;
import io.patchbay.transport.outbox.WorkspaceHostKeys;
import io.patchbay.transport.outbox.WorkerListener;
import io.patchbay.transport.outbox.WorkerSettings;
import io.patchbay.transport.sftp.ClientKeyFiles;
import io.patchbay.transport.sftp.LocalSftpServer;
import io.patchbay.transport.sftp.SftpEndpoint;
import io.patchbay.transport.sftp.SftpPusher;
import io.patchbay.transport.sftp.SftpSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * Demo sites on this machine, so that a newcomer sees a rollout reach "installed" without any server of
 * their own. On an empty workspace {@link #create} makes four sites in the rings pilot, early and broad (one
 * of them installs only when an operator says so), each a real agent home under
 * {@code WORKSPACE/demo/sites/NAME/agent} served by an in-process SFTP server on 127.0.0.1 (one user per
 * site, rooted at its agent home), registers them as {@code patchbay site add ... --accept-host-key} would,
 * writes a sample build tree under {@code WORKSPACE/demo/build/}, and starts the agents and an outbox worker
 * in this process. It then adds Spruce 1.0.0 and rolls it out, so the matrix moves at once;
 * {@code demo/build/spruce-1.1.0} is left for the newcomer's own kit.
 *
 * <p>{@code WORKSPACE/demo/demo.json} marks the workspace as a demo: {@link #resume} restarts everything on
 * the next opening (on another port, with the sites updated, if the old one is taken). {@link #close} stops
 * it all. Agents install in a child JVM, as on a real site, started with this JVM's class path.
 */
public final class DemoSites implements AutoCloseable {
    /** Reports each step of a start; called on the starting thread. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total, what) -> { };

        /** Step {@code done} of {@code total} begins: {@code what}. */
        void step(int done, int total, String what);
    }

    public static final String FOLDER = "demo";
    static final String MARKER = "demo.json";
    /** A site's agent looks at its waiting patches this often: the demo should not keep anyone waiting. */
    static final Duration AGENT_TICK = Duration.ofSeconds(1);
    /** How often the worker reads each site's reports; the matrix turns "installed" no later than this after the agent. */
    static final Duration HARVEST_EVERY = Duration.ofSeconds(2);
    static final List<DemoSite> SITES = List.of(
            new DemoSite("clinic-aachen", "pilot", InstallMode.AUTOMATIC),
            new DemoSite("hospital-dijon", "early", InstallMode.AUTOMATIC),
            new DemoSite("practice-graz", "broad", InstallMode.AUTOMATIC),
            new DemoSite("practice-hamm", "broad", InstallMode.MANUAL));
    private static final List<String> RING_ORDER = List.of("pilot", "early", "broad");
    private static final Logger LOG = LoggerFactory.getLogger(DemoSites.class);

    private final Workspace ws;
    private final Path dir;
    private final DemoMarker marker;
    private final RunLock lock;
    private final LocalSftpServer server;
    private final SftpPusher sftp = new SftpPusher();
    private final List<AgentDaemon> agents = new ArrayList<>();
    private DeliveryWorker worker;
    private Thread workerThread;

    private DemoSites(Workspace ws, DemoMarker marker, RunLock lock, LocalSftpServer server) {
        this.ws = ws;
        this.dir = folder(ws.dir());
        this.marker = marker;
        this.lock = lock;
        this.server = server;
    }

    /** {@code WORKSPACE/demo}. */
    public static Path folder(Path workspaceDir) {
        return workspaceDir.resolve(FOLDER);
    }

    /** True when the workspace holds demo sites ({@code demo/demo.json} exists). */
    public static boolean isDemo(Path workspaceDir) {
        return Files.isRegularFile(folder(workspaceDir).resolve(MARKER));
    }

    /**
     * Makes the demo on an empty workspace (no sites, no releases) and starts it; refuses any other. On a
     * failure what it made is removed again (sites, files; only a release it
     * already added in its last step stays) and nothing keeps running.
     *
     * @param actor the person named in the events (site added, release added, rollout started)
     */
    public static DemoSites create(Workspace ws, String actor, Progress progress) {
        int sites = ws.sites().list().size();
        int releases = ws.releases().list().size();
        if (isDemo(ws.dir())) {
            throw new PatchbayException("this workspace has demo sites already: " + folder(ws.dir()));
        }
        if (sites > 0 || releases > 0) {
            throw new PatchbayException("demo sites go only into an empty workspace; " + ws.dir() + " has " + sites
                    + (sites == 1 ? " site" : " sites") + " and " + releases + (releases == 1 ? " release" : " releases"));
        }
        Path dir = folder(ws.dir());
        if (Files.exists(dir)) {
            throw new PatchbayException("a demo folder is already there (left by an earlier try?): " + dir
                    + "; remove it and try again");
        }
        int total = 7;
        DemoSites demo = null;
        RunLock lock = null;
        List<String> added = new ArrayList<>();
        try {
            progress.step(0, total, "creating the signing key and the SSH login key");
            lock = RunLock.acquire(Files.createDirectories(dir));
            Path signingKey = signingKey(dir);
            Path clientKey = clientKey(dir);
            progress.step(1, total, "writing the sample build tree (Spruce " + DemoBuild.FIRST + " and "
                    + DemoBuild.NEXT + ")");
            DemoBuild.write(build(dir));
            progress.step(2, total, "creating " + SITES.size() + " agent homes");
            ZoneId zone = ZoneId.systemDefault();
            for (DemoSite site : SITES) {
                initAgentHome(dir, site, signingKey, zone);
            }
            progress.step(3, total, "starting the SFTP server on " + LocalSftpServer.HOST);
            DemoMarker marker = new DemoMarker(DemoMarker.FORMAT, 0, SITES, Instant.now().truncatedTo(ChronoUnit.SECONDS));
            LocalSftpServer server = LocalSftpServer.start(serverConfig(dir, clientKey, marker.sites(), 0));
            demo = new DemoSites(ws, marker.withPort(server.port()), lock, server);
            progress.step(4, total, "adding the sites and pinning their host key");
            for (DemoSite site : SITES) {
                demo.register(site, zone, actor);
                added.add(site.name());
            }
            demo.marker.write(dir.resolve(MARKER));
            progress.step(5, total, "starting " + SITES.size() + " agents and the outbox worker");
            demo.startAgentsAndWorker();
            progress.step(6, total, "adding " + DemoBuild.PRODUCT + " " + DemoBuild.FIRST + " and rolling it out");
            Path kit = DemoBuild.buildFirstKit(build(dir), signingKey);
            Release first = KitImport.add(ws, kit, List.of(SigningKeys.readPublic(publicOf(signingKey))), actor).release();
            ws.rollouts().start(first.id(), SITES.stream().map(DemoSite::name).toList(), RING_ORDER, null, actor);
            progress.step(total, total, "demo sites running");
            return demo;
        } catch (IOException | RuntimeException e) {
            undo(ws, demo, lock, added, actor, dir);
            if (e instanceof PatchbayException p) {
                throw p;
            }
            throw new PatchbayException("cannot create the demo sites: " + e.getMessage(), e);
        }
    }

    /** Restarts the demo of a workspace marked as one: server (same port if free), agents, worker. */
    public static DemoSites resume(Workspace ws, String actor, Progress progress) {
        Path dir = folder(ws.dir());
        DemoMarker marker = DemoMarker.read(dir.resolve(MARKER));
        progress.step(0, 3, "starting the SFTP server on " + LocalSftpServer.HOST + ":" + marker.port());
        RunLock lock = RunLock.acquire(dir);
        LocalSftpServer server;
        try {
            server = LocalSftpServer.startPreferring(serverConfig(dir, clientKeyFile(dir), marker.sites(), marker.port()));
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        DemoSites demo = new DemoSites(ws, marker.withPort(server.port()), lock, server);
        try {
            if (server.preferredPortTaken()) {
                progress.step(1, 3, "port " + marker.port() + " is taken: moving the sites to port " + server.port());
                demo.moveSites(actor);
                demo.marker.write(dir.resolve(MARKER));
            }
            progress.step(2, 3, "starting " + marker.sites().size() + " agents and the outbox worker");
            demo.startAgentsAndWorker();
            progress.step(3, 3, "demo sites running");
            return demo;
        } catch (IOException | RuntimeException e) {
            demo.close();
            throw e instanceof PatchbayException p ? p
                    : new PatchbayException("cannot restart the demo sites: " + e.getMessage(), e);
        }
    }

    // ---- what a started demo offers

    public List<DemoSite> sites() {
        return marker.sites();
    }

    /** The port of the SFTP server on 127.0.0.1. */
    public int port() {
        return server.port();
    }

    /** The demo SFTP server's host key, pinned for every demo site. */
    public String hostKeyFingerprint() {
        return server.hostKeyFingerprint();
    }

    /** A site's agent home (open it in the site console, or with {@code patchbay agent ... --home}). */
    public Path agentHome(String site) {
        return siteDir(dir, site).resolve("agent");
    }

    /** The source folder for the newcomer's own kit: {@code demo/build/spruce-1.1.0}. */
    public Path nextBuild() {
        return DemoBuild.tree(build(dir), DemoBuild.NEXT);
    }

    /** The key the demo's releases are signed with ({@code demo/keys/signing.key}). */
    public Path signingKey() {
        return keysDir(dir).resolve(SigningKeys.PRIVATE_FILE);
    }

    /** True while the in-process outbox worker runs. */
    public boolean workerRunning() {
        return workerThread != null && workerThread.isAlive();
    }

    /** Stops the worker (unfinished pushes are due again at once), the agents, then the SFTP server. */
    @Override
    public void close() {
        if (worker != null) {
            worker.stop();
            worker.close();
        }
        if (workerThread != null) {
            try {
                workerThread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Each agent may finish a tick first; stop them side by side rather than one after another.
        CompletableFuture.allOf(agents.stream().map(a -> CompletableFuture.runAsync(a::close)).toArray(CompletableFuture[]::new))
                .join();
        agents.clear();
        server.close();
        sftp.close();
        lock.close();
    }

    // ---- steps

    private static Path signingKey(Path dir) throws IOException {
        Path keys = keysDir(dir);
        if (!Files.exists(keys.resolve(SigningKeys.PRIVATE_FILE))) {
            SigningKeys.init(keys); // what `patchbay keys init --dir` does
        }
        return keys.resolve(SigningKeys.PRIVATE_FILE);
    }

    private static Path clientKey(Path dir) {
        Path key = clientKeyFile(dir);
        if (!Files.exists(key)) {
            ClientKeyFiles.generate(key, "patchbay-demo");
        }
        return key;
    }

    private static void initAgentHome(Path dir, DemoSite site, Path signingKey, ZoneId zone) throws IOException {
        Path siteDir = siteDir(dir, site.name());
        Path installRoot = Files.createDirectories(siteDir.resolve("spruce"));
        Path home = siteDir.resolve("agent");
        AgentSetup.init(new AgentSetup.Request(home, site.name(), installRoot, null, List.of(publicOf(signingKey)),
                null, null, null, zone, AGENT_TICK, Map.of()));
        // What `patchbay agent policy --set ...` does: any hour, no waiting, the site's own mode.
        AgentHome h = new AgentHome(home);
        SitePolicy policy = PolicyCodec.apply(PolicyStore.read(h.policy()),
                List.of("window=any", "wait-days=0", "mode=" + site.mode().word()));
        PolicyStore.write(h.policy(), policy);
    }

    /** As {@code patchbay site add NAME --sftp URL --identity KEY --ring RING --accept-host-key FP}. */
    private void register(DemoSite site, ZoneId zone, String actor) throws IOException {
        SiteSpec spec = SiteSpec.sftp(site.name(), url(site.name(), server.port()), clientKeyFile(dir).toAbsolutePath(),
                null).withRing(site.ring()).withTimeZone(zone);
        pin(spec, actor);
        ws.sites().add(spec, actor);
    }

    /** After a port change: each site's address names the new port, and the host key is pinned for it. */
    private void moveSites(String actor) throws IOException {
        for (DemoSite d : marker.sites()) {
            Site site = ws.sites().find(d.name()).orElse(null);
            if (site == null) {
                continue; // removed by a person: not ours to bring back
            }
            SiteSpec s = site.spec();
            SiteSpec moved = new SiteSpec(s.name(), s.transport(), URI.create(url(d.name(), server.port())),
                    s.identityFile(), s.knownHostsFile(), s.tokenFile(), s.caCertFile(), s.ring(), s.channel(),
                    s.timeZone(), s.policyJson());
            pin(moved, actor);
            ws.sites().update(moved, actor);
        }
    }

    /** Pins the demo server's host key in the workspace database, as {@code --accept-host-key} does. */
    private void pin(SiteSpec spec, String actor) {
        sftp.pinHostKey(SftpEndpoint.parse(spec.endpoint().toString()),
                SftpSettings.of(spec.identityFile(), new WorkspaceHostKeys(ws, spec, actor)), server.hostKeyFingerprint());
    }

    private void startAgentsAndWorker() throws IOException {
        for (DemoSite site : marker.sites()) {
            Path home = agentHome(site.name());
            if (!Files.isDirectory(home)) {
                LOG.warn("demo site {} has no agent home at {}; not started", site.name(), home);
                continue;
            }
            Agent agent = Agent.open(AgentHome.existing(home), Clock.systemUTC(), Duration.ofMinutes(1));
            agents.add(AgentDaemon.start(agent, Clock.systemUTC()));
        }
        String id = "demo-" + ProcessHandle.current().pid() + "-" + Long.toHexString(new Random().nextInt() & 0xffffL);
        WorkerSettings settings = WorkerSettings.defaults(id).withHarvestEvery(HARVEST_EVERY)
                .withLease(Duration.ofSeconds(20))
                .withBackoff(new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(30), 2.0, new Random()));
        worker = new DeliveryWorker(ws, Pushers.standard(sftp, ws), settings, new Logging());
        workerThread = new Thread(() -> worker.run(false), "demo-outbox");
        workerThread.start();
    }

    private static void undo(Workspace ws, DemoSites demo, RunLock lock, List<String> added, String actor, Path dir) {
        if (demo != null) {
            demo.close();
        } else if (lock != null) {
            lock.close();
        }
        for (String site : added) {
            try {
                ws.sites().remove(site, actor);
            } catch (RuntimeException e) {
                LOG.warn("cannot remove demo site {} after a failed start: {}", site, e.getMessage());
            }
        }
        try {
            FileTrees.delete(dir);
        } catch (IOException e) {
            LOG.warn("cannot remove {} after a failed start: {}", dir, e.getMessage());
        }
    }

    private static LocalSftpServer.Config serverConfig(Path dir, Path clientKey, List<DemoSite> sites, int port) {
        Map<String, Path> roots = new LinkedHashMap<>();
        for (DemoSite site : sites) {
            roots.put(site.name(), siteDir(dir, site.name()).resolve("agent"));
        }
        return new LocalSftpServer.Config(dir.resolve("ssh").resolve("host_key"), ClientKeyFiles.publicFileOf(clientKey),
                roots, port);
    }

    /** The site's folder is the SFTP user's root, so the URL's path is {@code /}. */
    private static String url(String site, int port) {
        return "sftp://" + site + "@" + LocalSftpServer.HOST + ":" + port + "/";
    }

    private static Path siteDir(Path dir, String site) {
        return dir.resolve("sites").resolve(site);
    }

    private static Path build(Path dir) {
        return dir.resolve("build");
    }

    private static Path keysDir(Path dir) {
        return dir.resolve("keys");
    }

    private static Path clientKeyFile(Path dir) {
        return dir.resolve("ssh").resolve("id_ed25519").toAbsolutePath();
    }

    private static Path publicOf(Path signingKey) {
        return signingKey.resolveSibling(SigningKeys.PUBLIC_FILE);
    }

    /**
     * {@code demo/run.lock}, held while the demo runs: a second client on the same workspace must not start a
     * second server (which would move the sites to its port) and a second set of agents.
     */
    private record RunLock(FileChannel channel, FileLock lock) implements AutoCloseable {
        static RunLock acquire(Path dir) {
            FileChannel channel;
            FileLock lock;
            try {
                channel = FileChannel.open(dir.resolve("run.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new PatchbayException("cannot open " + dir.resolve("run.lock") + ": " + e.getMessage(), e);
            }
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException | IOException e) {
                lock = null; // held by this process already, or not lockable: either way not ours to run
            }
            if (lock == null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the refusal below says what matters
                }
                throw new PatchbayException("the demo sites of " + dir.getParent()
                        + " already run in another Patchbay client; close it, or work in that one");
            }
            return new RunLock(channel, lock);
        }

        @Override
        public void close() {
            try {
                channel.close(); // releases the lock
            } catch (IOException e) {
                LOG.warn("cannot release {}: {}", channel, e.getMessage());
            }
        }
    }

    /** The demo worker has no terminal: what goes wrong goes to the log. */
    private static final class Logging implements WorkerListener {
        @Override
        public void retrying(io.patchbay.model.workspace.Delivery d, String reason, Instant nextTryAt) {
            LOG.info("{}: retrying {}: {}", d.siteName(), d.releaseTitle(), reason);
        }

        @Override
        public void harvestFailed(String site, String reason) {
            LOG.info("{}: cannot read status: {}", site, reason);
        }
    }
}
