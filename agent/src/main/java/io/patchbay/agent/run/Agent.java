package io.patchbay.agent.run;

import io.patchbay.agent.log.LogText;
import io.patchbay.agent.home.AgentConfig;
import io.patchbay.agent.home.AgentConfigStore;
import io.patchbay.agent.home.AgentHome;
import io.patchbay.agent.install.InstallLock;
import io.patchbay.agent.log.AgentLog;
import io.patchbay.agent.install.InstallOutcome;
import io.patchbay.agent.install.InstallRequest;
import io.patchbay.agent.install.StagedKit;
import io.patchbay.agent.install.Installer;
import io.patchbay.agent.notify.NoticeOutbox;
import io.patchbay.agent.notify.Notices;
import io.patchbay.agent.notify.SmtpMailer;
import io.patchbay.agent.receive.KitReceiver;
import io.patchbay.agent.receive.PullNoticeReceiver;
import io.patchbay.agent.registry.PatchRecord;
import io.patchbay.agent.registry.PullRecord;
import io.patchbay.agent.registry.Registry;
import io.patchbay.agent.registry.RegistryStore;
import io.patchbay.agent.upgrade.SelfUpgrade;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.decision.Checks;
import io.patchbay.model.decision.Decision;
import io.patchbay.model.decision.PatchDecider;
import io.patchbay.model.decision.PatchFacts;
import io.patchbay.model.decision.PreconditionProbe;
import io.patchbay.model.decision.Trigger;
import io.patchbay.model.decision.Verdict;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.policy.InstallMode;
import io.patchbay.model.policy.PolicyStore;
import io.patchbay.model.policy.SitePolicy;
import io.patchbay.model.policy.SiteTimes;
import io.patchbay.model.pull.PullNotices;
import io.patchbay.model.release.Version;
import io.patchbay.model.report.AgentHealth;
import io.patchbay.model.report.AgentReport;
import io.patchbay.model.report.CheckOutcome;
import io.patchbay.model.report.CheckRow;
import io.patchbay.model.report.InstallChance;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.report.StatusReports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The site agent's work, one call per event: a kit {@link #receive received}, a {@link #tick} (decide every
 * waiting patch under the site policy and install what is due), and the operator's actions ({@link #installNow},
 * {@link #schedule}, {@link #postpone}, {@link #rollback}). The daemon ({@link AgentDaemon}) and the one-shot
 * {@code patchbay agent ...} commands both drive this class on the same home: the registry is changed under its
 * file lock, installs run under the install lock, so two processes may act at once. After every change the
 * reports in {@code status/} are rewritten.
 *
 * <p>Definitions an operator relies on:
 * <ul>
 *   <li>{@code schedule}: the patch installs at (or after) the given time, still inside the timing rules,
 *       whatever the site's mode (the decision runs it as scheduled mode).</li>
 *   <li>{@code postpone}: clears a schedule and keeps the patch from installing on its own; it waits (reason
 *       "postponed by an operator") until an operator runs {@code agent install} or {@code agent schedule}.</li>
 *   <li>{@code rollback}: reinstalls the highest earlier version of the product that this agent installed
 *       before (its kit stays in the registry), with the forced-rollback trigger: downgrade allowed, integrity,
 *       pulled and hold still checked. Files that only the newer version added stay in place.</li>
 *   <li>A failed installation (rolled back) is not retried on its own: an operator retries it with
 *       {@code agent install}.</li>
 * </ul>
 */
public final class Agent {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

    private final AgentHome home;
    private final AgentConfig config;
    private final Clock clock;
    private final Installs installs;
    private final Notifier notifier;
    private final PreconditionProbe probe;
    private final RegistryStore store;
    private final KitReceiver receiver;
    private final PullNoticeReceiver pullReceiver;
    private final SelfUpgrade selfUpgrade;
    private final AgentLog log;

    public Agent(AgentHome home, AgentConfig config, Clock clock, Installs installs, Notifier notifier,
                 PreconditionProbe probe) {
        this.home = home;
        this.config = config;
        this.clock = clock;
        this.installs = installs;
        this.notifier = notifier;
        this.probe = probe;
        this.store = new RegistryStore(home.patches());
        this.receiver = new KitReceiver(home, store, this::trustedKeys, clock);
        this.pullReceiver = new PullNoticeReceiver(home, store, this::trustedKeys, clock);
        this.selfUpgrade = new SelfUpgrade(home.dir());
        this.log = AgentLog.of(home);
    }

    /**
     * The agent of an initialised home with its real parts: installs in a child JVM (waiting up to
     * {@code lockWait} for another installation), e-mail through SMTP when configured, the precondition as a
     * process with a 5-minute timeout.
     */
    public static Agent open(AgentHome home, Clock clock, Duration lockWait) {
        AgentConfig config = AgentConfigStore.load(home);
        NoticeOutbox outbox = config.mail() == null ? null
                : new NoticeOutbox(home.notices(), new SmtpMailer(config.mail()));
        return new Agent(home, config, clock, Installs.childProcess(home.dir(), lockWait, Duration.ofHours(6)),
                new Notifier(outbox, AgentLog.of(home)), new CommandPrecondition(home.dir(), Duration.ofMinutes(5)));
    }

    public AgentHome home() {
        return home;
    }

    public AgentConfig config() {
        return config;
    }

    /** The state of e-mail notices, for the health report. */
    public AgentHealth.Service mailState() {
        return notifier.mailState();
    }

    public Registry registry() {
        return store.read();
    }

    /** The site policy as now on disk (an operator may change it while the daemon runs). */
    public SitePolicy policy() {
        try {
            return PolicyStore.read(home.policy());
        } catch (IOException e) {
            throw new PatchbayException("cannot read the site policy " + home.policy() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Receives one file from the inbox: a kit (see {@link KitReceiver}; notices and reports follow), or a pull
     * notice ({@code *.pull}), which goes to {@link #receivePullNotice} and returns empty here. A kit of a release
     * the vendor already pulled is registered as pulled at once: it never installs.
     */
    public synchronized Optional<KitReceiver.Received> receive(Path kit) {
        if (PullNotices.isNoticeFileName(kit.getFileName().toString())) {
            receivePullNotice(kit);
            return Optional.empty();
        }
        Optional<KitReceiver.Received> r = receiver.receive(kit);
        if (r.isPresent() && r.get().kind() == KitReceiver.Received.Kind.FAILED) {
            // Not registered: this report alone tells the workstation what failed here, until a later try succeeds.
            writeReport(r.get().patch());
            return r;
        }
        if (r.isPresent() && r.get().kind() == KitReceiver.Received.Kind.REGISTERED) {
            PatchRecord patch = r.get().patch();
            Optional<PullRecord> pull = store.read().pullOf(patch);
            if (pull.isPresent()) {
                markPulled(patch.id(), clock.instant());
                notifier.post(notices().releasePulled(patch.title(), pull.get().reason(), pull.get().pulledAt(),
                        "Its kit arrived after the pull notice: it is marked pulled and will not be installed, "
                                + "not even by an operator.", clock.instant()));
                r = Optional.of(new KitReceiver.Received(r.get().kind(), store.read().require(patch.id())));
            } else {
                notifier.post(notices().downloadReceived(patch.title(), installsNow(patch), clock.instant()));
            }
        }
        if (r.isPresent() && r.get().kind() != KitReceiver.Received.Kind.DUPLICATE) {
            writeReports();
        }
        return r;
    }

    /** A kit started arriving in the inbox (see {@code DownloadStarts}): the administrator is told once. */
    public void downloadStarted(String file) {
        notifier.post(notices().downloadStarted(file, clock.instant()));
    }

    /** Whether {@code patch} would install on the next tick without anyone acting (the notice promises it then). */
    private boolean installsNow(PatchRecord patch) {
        try {
            Registry reg = store.read();
            // The site's precondition is not run twice for a notice: it runs when the tick installs.
            return decide(reg.require(patch.id()), reg, policy(), Trigger.TICK, clock.instant(),
                    command -> PreconditionProbe.Result.passed()).verdict() == Verdict.INSTALL_NOW;
        } catch (PatchbayException e) {
            return false;
        }
    }

    private void writeReport(PatchRecord patch) {
        try {
            Files.createDirectories(home.status());
            StatusReports.write(home.status(), patch.toReport(clock.instant()));
        } catch (IOException e) {
            LOG.warn("cannot write the status report of {} in {}: {}", patch.kit(), home.status(), e.getMessage());
        }
    }

    /**
     * Receives one pull notice from the inbox ({@link PullNoticeReceiver}). When it verifies: a patch of that
     * release that has not been installed is marked pulled (the decision's pulled check refuses it from now on,
     * operator or not); one already installed stays as it is, and the site is recorded as told; a release not
     * received yet is remembered, so its kit is registered as pulled when it arrives. The administrator is told
     * once by e-mail; the reports say when the site got the notice. A notice that does not verify is set aside
     * with its reason and changes nothing (the administrator is told of that too).
     */
    public synchronized Optional<PullNoticeReceiver.Outcome> receivePullNotice(Path notice) {
        Optional<PullNoticeReceiver.Outcome> received;
        try {
            received = pullReceiver.receive(notice);
        } catch (IOException e) {
            LOG.warn("cannot receive {}: {}", LogText.escape(notice), LogText.escape(e.getMessage()));
            return Optional.empty();
        }
        if (received.isEmpty()) {
            return received;
        }
        PullNoticeReceiver.Outcome o = received.get();
        Instant at = clock.instant();
        if (!o.accepted()) {
            notifier.post(notices().pullNoticeRefused(o.file(), o.refusal(), at));
            return received;
        }
        PullRecord pull = o.pull();
        Registry reg = store.read();
        List<PatchRecord> held = reg.patches().stream().filter(p -> pull.isAbout(p.product(), p.version())).toList();
        for (PatchRecord p : held) {
            if (p.waiting()) {
                markPulled(p.id(), at);
            }
        }
        if (o.first()) {
            notifier.post(notices().releasePulled(pull.title(), pull.reason(), pull.pulledAt(),
                    consequence(store.read(), pull), at));
        }
        writeReports();
        return received;
    }

    /** What the pull means on this site, for the administrator. */
    private static String consequence(Registry reg, PullRecord pull) {
        List<PatchRecord> patches = reg.patches().stream().filter(p -> pull.isAbout(p.product(), p.version())).toList();
        boolean installed = pull.isAbout(pull.product(), reg.installed().get(pull.product()))
                || patches.stream().anyMatch(p -> p.state() == PatchState.INSTALLED
                || p.state() == PatchState.UP_TO_DATE || p.state() == PatchState.INSTALLING);
        if (installed) {
            return "It was already installed here: nothing was changed. Ask support whether to roll back "
                    + "(patchbay agent rollback).";
        }
        if (patches.stream().anyMatch(p -> p.state() == PatchState.PULLED)) {
            return "It had not been installed here: it is marked pulled and will not be installed, "
                    + "not even by an operator.";
        }
        if (!patches.isEmpty()) {
            return "It is not installed here (" + patches.get(patches.size() - 1).state().word()
                    + "): nothing was changed, and it will not be installed.";
        }
        return "It has not been received here: if its kit arrives, it will not be installed.";
    }

    /** Decides the patch again now, so a pulled one shows pulled at once rather than at the next tick. */
    private void markPulled(String id, Instant at) {
        Registry reg = store.read();
        PatchRecord rec = reg.require(id);
        if (!rec.waiting()) {
            return;
        }
        Decision d = decide(rec, reg, policy(), Trigger.TICK, at);
        logDecision(rec, d);
        store.update(r -> r.replace(id, p -> p.waiting() ? p.withDecision(d, at) : p));
    }

    /**
     * Decides every waiting patch and installs what is due; writes every report. Returns the earliest instant a
     * patch could install without anyone acting (the daemon sleeps no longer than that), or null.
     */
    public synchronized Instant tick() {
        SitePolicy policy = policy();
        selfUpgrade.collect().ifPresent(u -> record(u.patchId(), u.outcome(), u.trigger(), policy));
        Instant wake = null;
        for (PatchRecord waiting : store.read().waiting()) {
            Registry now = store.read();
            PatchRecord rec = now.byId(waiting.id()).orElse(null);
            if (rec == null || !rec.waiting()) {
                continue; // another process took it meanwhile
            }
            Instant at = clock.instant();
            Decision d = decide(rec, now, policy, Trigger.TICK, at);
            if (d.verdict() != Verdict.INSTALL_NOW) {
                logDecision(rec, d);
            }
            // Marked notified only when a notice was written: the next decision says "administrator already notified".
            boolean told = d.notifyAdmin() && notifier.post(notices(policy).manualInstallRequired(rec.title(), at));
            if (d.verdict() == Verdict.INSTALL_NOW) {
                String trigger = rec.scheduledAt() != null || policy.mode() == InstallMode.SCHEDULED ? "scheduled" : "automatic";
                try {
                    install(rec.id(), d, trigger, policy);
                } catch (PatchbayException e) {
                    LOG.warn("{} did not start: {}", rec.title(), e.getMessage());
                }
                continue;
            }
            store.update(r -> r.replace(rec.id(), p -> {
                if (!p.waiting()) {
                    return p;
                }
                PatchRecord q = p.withDecision(d, at);
                return told ? q.withAdminNotified() : q;
            }));
            if (d.nextOpportunity() != null && d.nextOpportunity().isAfter(at)
                    && (wake == null || d.nextOpportunity().isBefore(wake))) {
                wake = d.nextOpportunity();
            }
        }
        notifier.flush();
        writeReports();
        return wake;
    }

    /** The operator's "Install now": skips the timing rules and the mode, never integrity, downgrade or pulled. */
    public InstallOutcome installNow(String version, String product) {
        PatchRecord rec;
        synchronized (this) {
            rec = store.read().find(version, product);
        }
        return operatorInstall(rec, Trigger.INSTALL_NOW);
    }

    /**
     * The version a rollback of {@code product} would reinstall: the highest earlier version this agent installed
     * whose kit is still intact (the Site console names it before an operator confirms).
     */
    public PatchRecord rollbackTarget(String product) {
        return rollbackTarget(store.read(), product);
    }

    private PatchRecord rollbackTarget(Registry reg, String p) {
        Version current = reg.installed().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(p))
                .map(e -> Version.parse(e.getValue())).findFirst()
                .orElseThrow(() -> new PatchbayException("no " + p + " is installed through this agent"));
        return reg.patches().stream()
                .filter(r -> !r.refusedOnReceipt() && r.product().equalsIgnoreCase(p))
                .filter(r -> Version.parse(r.version()).isOlderThan(current))
                .filter(r -> r.installations().stream().anyMatch(i -> i.outcome() == PatchState.INSTALLED))
                .filter(r -> StagedKit.intact(staging(r), kitFile(r)))
                .max(Comparator.comparing((PatchRecord r) -> Version.parse(r.version())))
                .orElseThrow(() -> new PatchbayException("no earlier version of " + p + " than " + current
                        + " was installed through this agent: nothing to roll back to"));
    }

    /**
     * Rolls {@code product} (null: the only installed product) back to the highest earlier version this agent
     * installed, by reinstalling its kit with the forced-rollback trigger.
     */
    public InstallOutcome rollback(String product) {
        Registry reg = store.read();
        String chosen = product;
        if (chosen == null) {
            if (reg.installed().isEmpty()) {
                throw new PatchbayException("nothing is installed through this agent yet: nothing to roll back");
            }
            if (reg.installed().size() > 1) {
                throw new PatchbayException("several products are installed (" + String.join(", ",
                        reg.installed().keySet()) + "): choose one with --product");
            }
            chosen = reg.installed().keySet().iterator().next();
        }
        PatchRecord previous = rollbackTarget(reg, chosen);
        String current = reg.installed().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(previous.product()))
                .map(Map.Entry::getValue).findFirst().orElse("?");
        log.event(AgentLog.Event.ROLLBACK, "an operator rolls " + previous.product() + " back from " + current + " to "
                + previous.version());
        InstallOutcome outcome = operatorInstall(previous, Trigger.ROLLBACK);
        if (outcome.installed()) {
            log.event(AgentLog.Event.ROLLBACK, previous.product() + " rolled back from " + current + " to "
                    + previous.version());
            Instant at = clock.instant();
            store.update(r -> {
                Registry out = r;
                for (PatchRecord newer : r.patches()) {
                    if (newer.state() == PatchState.INSTALLED && newer.product().equals(previous.product())
                            && Version.parse(newer.version()).isNewerThan(Version.parse(previous.version()))) {
                        out = out.replace(newer.id(), n -> n.withState(PatchState.ROLLED_BACK,
                                "rolled back by an operator to " + previous.version() + " at " + at, null, at));
                    }
                }
                return out;
            });
            writeReports();
        }
        return outcome;
    }

    /** Installs {@code version} at {@code at} (wall-clock time in the site's zone), timing rules still apply. */
    public synchronized PatchRecord schedule(String version, String product, LocalDateTime at) {
        SitePolicy policy = policy();
        PatchRecord rec = store.read().find(version, product);
        requireWaiting(rec);
        Instant when = SiteTimes.at(at, policy.timeZone());
        Instant now = clock.instant();
        if (!when.isAfter(now)) {
            // A time already past would read as "install now", which is what install says, not schedule.
            throw new PatchbayException("cannot schedule " + rec.title() + " for " + at + " (" + policy.timeZone()
                    + "): that is in the past; it is " + now.atZone(policy.timeZone()).toLocalDateTime()
                    .truncatedTo(java.time.temporal.ChronoUnit.MINUTES) + " there");
        }
        store.update(r -> r.replace(rec.id(), p -> p.withSchedule(when, false, now)));
        tick();
        return store.read().require(rec.id());
    }

    /** Clears a schedule and keeps the patch from installing until an operator acts. */
    public synchronized PatchRecord postpone(String version, String product) {
        PatchRecord rec = store.read().find(version, product);
        requireWaiting(rec);
        Instant now = clock.instant();
        store.update(r -> r.replace(rec.id(), p -> p.withSchedule(null, true, now)));
        tick();
        return store.read().require(rec.id());
    }

    /**
     * Finishes what a killed installation left (in this process, under the install lock) and records it on its
     * patch. Empty when there was nothing to recover, or another process is installing right now.
     */
    public synchronized Optional<InstallOutcome> recover() {
        Optional<InstallOutcome> outcome;
        try {
            outcome = new Installer(home.dir()).recover();
        } catch (PatchbayException e) {
            LOG.warn("recovery skipped: {}", e.getMessage());
            return Optional.empty();
        }
        Registry reg = store.read();
        String recoveredId = null;
        if (outcome.isPresent()) {
            InstallOutcome o = outcome.get();
            recoveredId = reg.patches().stream()
                    .filter(r -> o.product().equals(r.product()) && o.version().equals(r.version()))
                    .sorted(Comparator.comparing((PatchRecord r) -> r.state() == PatchState.INSTALLING))
                    .reduce((a, b) -> b).map(PatchRecord::id).orElse(null);
            if (recoveredId != null) {
                record(recoveredId, o, "recovery", policy());
            }
        }
        if (InstallLock.holder(home.dir()).isEmpty()) {
            String done = recoveredId;
            Instant now = clock.instant();
            store.update(r -> {
                Registry out = r;
                for (PatchRecord p : r.patches()) {
                    if (p.state() == PatchState.INSTALLING && !p.id().equals(done)) {
                        out = out.replace(p.id(), q -> q.withState(PatchState.WAITING,
                                "the agent stopped before the installation started", null, now));
                    }
                }
                return out;
            });
        }
        writeReports();
        return outcome;
    }

    /** Rewrites every patch report and {@code agent.json} in {@code status/}. */
    public synchronized void writeReports() {
        Registry reg = store.read();
        Instant now = clock.instant();
        boolean hold;
        try {
            hold = policy().supportHold();
        } catch (PatchbayException e) {
            hold = false;
        }
        try {
            Files.createDirectories(home.status());
            for (PatchRecord p : reg.patches()) {
                StatusReports.write(home.status(), p.toReport(now,
                        reg.pullOf(p).map(PullRecord::receivedAt).orElse(null)));
            }
            StatusReports.write(home.status(), new AgentReport(StatusReports.SCHEMA, agentVersion(), now,
                    reg.installed(), hold));
        } catch (IOException e) {
            LOG.warn("cannot write the status reports in {}: {}", home.status(), e.getMessage());
        }
    }

    /** This agent's version, from the build (its jar's manifest); "development build" when run from classes. */
    public static String agentVersion() {
        String v = Agent.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    private InstallOutcome operatorInstall(PatchRecord rec, Trigger trigger) {
        SitePolicy policy = policy();
        Decision d;
        synchronized (this) {
            Registry reg = store.read();
            PatchRecord fresh = reg.require(rec.id());
            if (fresh.state() == PatchState.INSTALLING) {
                throw new PatchbayException(fresh.title() + " is being installed by another process"
                        + InstallLock.holder(home.dir()).map(h -> ": pid " + h.pid() + " (" + h.command() + ")").orElse(""));
            }
            Instant at = clock.instant();
            d = decide(fresh, reg, policy, trigger, at);
            if (d.verdict() != Verdict.INSTALL_NOW) {
                if (fresh.waiting()) {
                    logDecision(fresh, d);
                    store.update(r -> r.replace(fresh.id(), p -> p.withDecision(d, at)));
                    writeReports();
                }
                throw new PatchbayException(fresh.title() + " not installed: " + d.reason());
            }
        }
        return install(rec.id(), d, "operator", policy);
    }

    private Decision decide(PatchRecord rec, Registry reg, SitePolicy policy, Trigger trigger, Instant now) {
        return decide(rec, reg, policy, trigger, now, probe);
    }

    private Decision decide(PatchRecord rec, Registry reg, SitePolicy policy, Trigger trigger, Instant now,
                            PreconditionProbe precondition) {
        Manifest m = rec.manifest();
        boolean intact = StagedKit.intact(staging(rec), kitFile(rec));
        Optional<PullRecord> pull = reg.pullOf(rec);
        PatchFacts facts = new PatchFacts(m, reg.installedVersion(m.product()), pull.isPresent(), intact,
                rec.scheduledAt(), rec.adminNotified(), trigger);
        SitePolicy effective = policy;
        if (trigger == Trigger.TICK && rec.postponed()) {
            effective = policy.withMode(InstallMode.MANUAL);
        } else if (trigger == Trigger.TICK && rec.scheduledAt() != null) {
            effective = policy.withMode(InstallMode.SCHEDULED);
        }
        Decision d = PatchDecider.decide(facts, effective, now, precondition);
        if (pull.isPresent() && d.decidingCheck().check().equals(Checks.PULLED)) {
            // The decision knows only "pulled"; the site's people should read the vendor's when and why too.
            String why = "the release " + m.title() + " was pulled by the vendor on " + pull.get().pulledAt() + ": "
                    + pull.get().reason() + "; it will not install";
            List<CheckRow> rows = new ArrayList<>(d.checks().subList(0, d.checks().size() - 1));
            rows.add(new CheckRow(Checks.PULLED, CheckOutcome.STOP, why, now));
            return new Decision(d.verdict(), why, d.until(), d.chance(), d.notifyAdmin(), rows);
        }
        if (rec.postponed() && trigger == Trigger.TICK && d.verdict() == Verdict.WAIT
                && d.decidingCheck().check().equals(Checks.INSTALL_MODE)) {
            String why = "postponed by an operator: waits for 'agent install' or 'agent schedule'";
            List<CheckRow> rows = new ArrayList<>(d.checks().subList(0, d.checks().size() - 1));
            rows.add(new CheckRow(Checks.INSTALL_MODE, CheckOutcome.WAIT, why, now));
            return new Decision(Verdict.WAIT, why, null, InstallChance.operator(Checks.INSTALL_MODE, policy.timeZone()),
                    false, rows);
        }
        return d;
    }

    private InstallOutcome install(String id, Decision d, String trigger, SitePolicy policy) {
        Instant start = clock.instant();
        PatchRecord rec = store.update(r -> {
            PatchRecord p = r.require(id);
            if (p.state() == PatchState.INSTALLING) {
                throw new PatchbayException(p.title() + " is being installed by another process");
            }
            return r.replace(id, q -> q.withState(PatchState.INSTALLING, "installing (" + trigger + ")",
                    d.checks(), start));
        }).require(id);
        writeReports();
        log.event(AgentLog.Event.INSTALL, "installing " + rec.title() + " (" + trigger + ")");
        InstallRequest request = new InstallRequest(rec.manifest(), staging(rec), config.installRoot(),
                config.dataRoot(), InstallRequest.DEFAULT_HOOK_TIMEOUT, kitFile(rec));
        InstallOutcome outcome;
        try {
            StagedKit.ready(request.staging(), request.kit(), trustedKeys());
            // The agent's own kit: a detached upgrader replaces this process; the next agent records the outcome.
            outcome = SelfUpgrade.handles(rec.product())
                    ? selfUpgrade.start(id, trigger, rec.version(), agentVersion(), request.staging().resolve("payload"))
                    : installs.install(request);
        } catch (RuntimeException | IOException e) {
            String why = e instanceof PatchbayException ? e.getMessage() : e.toString();
            Instant at = clock.instant();
            store.update(r -> r.replace(id, p -> p.withState(PatchState.WAITING, "installation did not start: " + why,
                    null, at)));
            writeReports();
            throw e instanceof PatchbayException pe ? pe : new PatchbayException("installation did not start: " + why, e);
        }
        if (outcome.state() != PatchState.INSTALLING) {
            record(id, outcome, trigger, policy);
        }
        return outcome;
    }

    private void record(String id, InstallOutcome outcome, String trigger, SitePolicy policy) {
        Instant at = clock.instant();
        Registry after = store.update(r -> {
            Registry out = r.replace(id, p -> p.withInstallation(outcome.toReport(trigger), at));
            return outcome.installed() ? out.withInstalled(outcome.product(), outcome.version()) : out;
        });
        PatchRecord rec = after.require(id);
        log.event(outcome.state() == PatchState.ROLLED_BACK ? AgentLog.Event.ROLLBACK : AgentLog.Event.INSTALL,
                rec.title() + ": " + outcome.state().word() + (outcome.reason() == null ? "" : " (" + outcome.reason() + ")"));
        Instant when = outcome.finishedAt() == null ? at : outcome.finishedAt();
        Notices n = notices(policy);
        switch (outcome.state()) {
            case INSTALLED -> notifier.post(n.installed(rec.title(), trigger, when));
            case ROLLED_BACK -> notifier.post(n.failedRolledBack(rec.title(), outcome.reason(), true, when));
            default -> notifier.post(n.failedRolledBack(rec.title(), String.valueOf(outcome.reason()), false, when));
        }
        writeReports();
    }

    /** One log line when a decision moves a patch to another state (a new reason for the same state is not). */
    private void logDecision(PatchRecord before, Decision d) {
        if (before.state() != d.reportState()) {
            log.event(AgentLog.Event.DECISION, before.title() + ": " + before.state().word() + " -> "
                    + d.reportState().word() + (d.reason() == null ? "" : ": " + d.reason()));
        }
    }

    private void requireWaiting(PatchRecord rec) {
        if (rec.state() == PatchState.PULLED) {
            throw new PatchbayException(rec.title() + " was pulled by the vendor: it will not install, nothing to schedule");
        }
        if (!rec.waiting()) {
            throw new PatchbayException(rec.title() + " is " + rec.state().word() + ": nothing to schedule");
        }
    }

    private Notices notices() {
        return notices(policy());
    }

    private Notices notices(SitePolicy policy) {
        return new Notices(config.site(), policy.timeZone(), home.dir());
    }

    /** The patch's extracted kit (see {@link StagedKit}). */
    private Path staging(PatchRecord rec) {
        return home.dir().resolve(rec.folder()).resolve("kit");
    }

    /** The kit file as received, kept beside its extraction. */
    private Path kitFile(PatchRecord rec) {
        return home.dir().resolve(rec.folder()).resolve(rec.kit());
    }

    private List<PublicKey> trustedKeys() {
        List<PublicKey> keys = new ArrayList<>();
        try (Stream<Path> files = Files.list(home.trust())) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".pub")).sorted().toList()) {
                keys.add(SigningKeys.readPublic(f));
            }
        } catch (IOException e) {
            throw new PatchbayException("cannot read the trusted keys in " + home.trust() + ": " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new PatchbayException("no trusted key in " + home.trust() + ": every kit is refused");
        }
        return keys;
    }
}
