package io.patchbay.agent.run;

import io.patchbay.agent.home.AgentConfig;
import io.patchbay.agent.home.AgentConfigStore;
import io.patchbay.agent.home.AgentHome;
import io.patchbay.agent.install.InstallOutcome;
import io.patchbay.agent.log.AgentLog;
import io.patchbay.agent.log.LogText;
import io.patchbay.agent.notify.NoticeOutbox;
import io.patchbay.agent.notify.SmtpMailer;
import io.patchbay.agent.receive.KitReceiver;
import io.patchbay.agent.receive.PullNoticeReceiver;
import io.patchbay.agent.receive.RotationReceiver;
import io.patchbay.agent.registry.PatchRecord;
import io.patchbay.agent.registry.Registry;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.decision.Decision;
import io.patchbay.model.decision.PreconditionProbe;
import io.patchbay.model.decision.Trigger;
import io.patchbay.model.decision.Verdict;
import io.patchbay.model.policy.SitePolicy;
import io.patchbay.model.policy.SiteTimes;
import io.patchbay.model.report.AgentHealth;
import io.patchbay.model.report.PatchState;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site agent, one call per event: a kit {@link #receive received}, a {@link #tick} (decide every waiting patch
 * under the site policy and install what is due), and the operator's actions ({@link #installNow}, {@link #schedule},
 * {@link #postpone}, {@link #rollback}). It coordinates; each job has its class: intake ({@link PatchIntake}),
 * decision ({@link PatchDecisions}), install ({@link PatchInstalls}), reports ({@link StatusWriter}) and notices
 * ({@link AgentNotices}). The daemon ({@link AgentDaemon}) and the one-shot {@code patchbay agent ...} commands both
 * drive this class on the same home: the registry is changed under its file lock, installs run under the install
 * lock, so two processes may act at once. After every change the reports in {@code status/} are rewritten.
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
    private final AgentContext ctx;
    private final AgentNotices notices;
    private final StatusWriter reports;
    private final PatchDecisions decisions;
    private final PatchIntake intake;
    private final PatchInstalls installs;

    public Agent(AgentHome home, AgentConfig config, Clock clock, Installs installs, Notifier notifier,
                 PreconditionProbe probe) {
        this.ctx = new AgentContext(home, config, clock);
        AgentLog log = AgentLog.of(home);
        this.notices = new AgentNotices(ctx, notifier);
        this.reports = new StatusWriter(ctx);
        this.decisions = new PatchDecisions(ctx, probe, log);
        this.intake = new PatchIntake(ctx, decisions, notices, reports);
        this.installs = new PatchInstalls(ctx, installs, decisions, notices, reports, log, this);
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
        return ctx.home();
    }

    public AgentConfig config() {
        return ctx.config();
    }

    /** The state of e-mail notices, for the health report. */
    public AgentHealth.Service mailState() {
        return notices.mailState();
    }

    public Registry registry() {
        return ctx.store().read();
    }

    /** The site policy as now on disk (an operator may change it while the daemon runs). */
    public SitePolicy policy() {
        return ctx.policy();
    }

    /** Receives one file from the inbox: a kit, or a pull notice (empty then); see {@link PatchIntake#receive}. */
    public synchronized Optional<KitReceiver.Received> receive(Path kit) {
        return intake.receive(kit);
    }

    /** A kit started arriving in the inbox (see {@code DownloadStarts}): the administrator is told once. */
    public void downloadStarted(String file) {
        notices.downloadStarted(file);
    }

    /** Receives one key rotation statement from the inbox; see {@link PatchIntake#receiveRotation}. */
    public synchronized Optional<RotationReceiver.Outcome> receiveRotation(Path statement) {
        return intake.receiveRotation(statement);
    }

    /** Receives one pull notice from the inbox; see {@link PatchIntake#receivePullNotice}. */
    public synchronized Optional<PullNoticeReceiver.Outcome> receivePullNotice(Path notice) {
        return intake.receivePullNotice(notice);
    }

    /** The signers this site trusts, for checking what arrives other than through {@link #receive} (a bundle). */
    public List<PublicKey> trustedKeys() {
        return ctx.trustedKeys();
    }

    /**
     * Decides every waiting patch and installs what is due; writes every report. Returns the earliest instant a
     * patch could install without anyone acting (the daemon sleeps no longer than that), or null.
     */
    public synchronized Instant tick() {
        SitePolicy policy = ctx.policy();
        installs.collectUpgrade(policy);
        Instant wake = null;
        for (PatchRecord waiting : ctx.store().read().waiting()) {
            Registry now = ctx.store().read();
            PatchRecord rec = now.byId(waiting.id()).orElse(null);
            if (rec == null || !rec.waiting()) {
                continue; // another process took it meanwhile
            }
            Instant at = ctx.clock().instant();
            Decision d = decisions.decide(rec, now, policy, Trigger.TICK, at);
            if (d.verdict() == Verdict.INSTALL_NOW) {
                installs.onTick(rec, d, policy);
                continue;
            }
            decisions.logChange(rec, d);
            // Marked notified only when a notice was written: the next decision says "administrator already notified".
            boolean told = d.notifyAdmin() && notices.manualInstallRequired(rec, policy, at);
            decisions.settle(rec, d, at, told);
            if (d.nextOpportunity() != null && d.nextOpportunity().isAfter(at)
                    && (wake == null || d.nextOpportunity().isBefore(wake))) {
                wake = d.nextOpportunity();
            }
        }
        notices.flush();
        reports.writeAll();
        publishSignedReport();
        return wake;
    }

    /** The signed copy of the reports for the harvest ({@link ReportBundle#publish}); a failure waits for the next tick. */
    private void publishSignedReport() {
        try {
            ReportBundle.publish(ctx.home(), ctx.config().site(), ctx.clock());
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot write the signed status report: {}", LogText.escape(String.valueOf(e.getMessage())));
        }
    }

    /** The operator's "Install now": skips the timing rules and the mode, never integrity, downgrade or pulled. */
    public InstallOutcome installNow(String version, String product) {
        PatchRecord rec;
        synchronized (this) {
            rec = ctx.store().read().find(version, product);
        }
        return installs.byOperator(rec, Trigger.INSTALL_NOW);
    }

    /**
     * The version a rollback of {@code product} would reinstall: the highest earlier version this agent installed
     * whose kit is still intact (the Site console names it before an operator confirms).
     */
    public PatchRecord rollbackTarget(String product) {
        return installs.rollbackTarget(ctx.store().read(), product);
    }

    /**
     * Rolls {@code product} (null: the only installed product) back to the highest earlier version this agent
     * installed, by reinstalling its kit with the forced-rollback trigger.
     */
    public InstallOutcome rollback(String product) {
        Registry reg = ctx.store().read();
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
        return installs.rollback(installs.rollbackTarget(reg, chosen));
    }

    /** Installs {@code version} at {@code at} (wall-clock time in the site's zone), timing rules still apply. */
    public synchronized PatchRecord schedule(String version, String product, LocalDateTime at) {
        PatchRecord rec = ctx.store().read().find(version, product);
        requireWaiting(rec);
        SitePolicy policy = ctx.policy();
        Instant when = SiteTimes.at(at, policy.timeZone());
        Instant now = ctx.clock().instant();
        if (!when.isAfter(now)) {
            // A time already past would read as "install now", which is what install says, not schedule.
            throw new PatchbayException("cannot schedule " + rec.title() + " for " + at + " (" + policy.timeZone()
                    + "): that is in the past; it is " + now.atZone(policy.timeZone()).toLocalDateTime()
                    .truncatedTo(java.time.temporal.ChronoUnit.MINUTES) + " there");
        }
        ctx.store().update(r -> r.replace(rec.id(), p -> p.withSchedule(when, false, now)));
        tick();
        return ctx.store().read().require(rec.id());
    }

    /** Clears a schedule and keeps the patch from installing until an operator acts. */
    public synchronized PatchRecord postpone(String version, String product) {
        PatchRecord rec = ctx.store().read().find(version, product);
        requireWaiting(rec);
        Instant now = ctx.clock().instant();
        ctx.store().update(r -> r.replace(rec.id(), p -> p.withSchedule(null, true, now)));
        tick();
        return ctx.store().read().require(rec.id());
    }

    /**
     * Finishes what a killed installation left and records it on its patch (see {@link PatchInstalls#recover}).
     * Empty when there was nothing to recover, or another process is installing right now.
     */
    public synchronized Optional<InstallOutcome> recover() {
        return installs.recover();
    }

    /** Rewrites every patch report and {@code agent.json} in {@code status/}. */
    public synchronized void writeReports() {
        reports.writeAll();
    }

    /** This agent's version, from the build (its jar's manifest); "development build" when run from classes. */
    public static String agentVersion() {
        String v = Agent.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    private static void requireWaiting(PatchRecord rec) {
        if (rec.state() == PatchState.PULLED) {
            throw new PatchbayException(rec.title() + " was pulled by the vendor: it will not install, nothing to schedule");
        }
        if (!rec.waiting()) {
            throw new PatchbayException(rec.title() + " is " + rec.state().word() + ": nothing to schedule");
        }
    }
}
