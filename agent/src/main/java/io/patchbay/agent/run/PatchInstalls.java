package io.patchbay.agent.run;

import io.patchbay.agent.install.InstallLock;
import io.patchbay.agent.install.InstallOutcome;
import io.patchbay.agent.install.InstallRequest;
import io.patchbay.agent.install.Installer;
import io.patchbay.agent.install.StagedKit;
import io.patchbay.agent.log.AgentLog;
import io.patchbay.agent.registry.PatchEvent;
import io.patchbay.agent.registry.PatchRecord;
import io.patchbay.agent.registry.Registry;
import io.patchbay.agent.upgrade.SelfUpgrade;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.decision.Decision;
import io.patchbay.model.decision.Trigger;
import io.patchbay.model.decision.Verdict;
import io.patchbay.model.kit.DeltaApplier;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.policy.InstallMode;
import io.patchbay.model.policy.SitePolicy;
import io.patchbay.model.release.Version;
import io.patchbay.model.report.PatchState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * Installs patches and records their outcomes: a patch the decision lets install, an operator's install or rollback,
 * the self-upgrade's outcome, and what a killed installation left. Each patch is marked installing on disk before its
 * installation starts (see {@code PatchLifecycle}).
 */
final class PatchInstalls {
    private static final Logger LOG = LoggerFactory.getLogger(PatchInstalls.class);

    private final AgentContext ctx;
    private final Installs installs;
    private final PatchDecisions decisions;
    private final AgentNotices notices;
    private final StatusWriter reports;
    private final AgentLog log;
    private final SelfUpgrade selfUpgrade;
    /** The agent's monitor: an operator's decision is taken under it, the installation itself runs outside it. */
    private final Object monitor;

    PatchInstalls(AgentContext ctx, Installs installs, PatchDecisions decisions, AgentNotices notices,
                  StatusWriter reports, AgentLog log, Object monitor) {
        this.ctx = ctx;
        this.installs = installs;
        this.decisions = decisions;
        this.notices = notices;
        this.reports = reports;
        this.log = log;
        this.selfUpgrade = new SelfUpgrade(ctx.home().dir());
        this.monitor = monitor;
    }

    /**
     * Records the self-upgrade's outcome once the upgrader has written it, on its patch if that is still installing:
     * a resumed upgrader writes the outcome again when the killed one had got that far.
     */
    void collectUpgrade(SitePolicy policy) {
        selfUpgrade.collect().ifPresent(u -> {
            Optional<PatchRecord> patch = ctx.store().read().byId(u.patchId());
            if (patch.isPresent() && patch.get().state() == PatchState.INSTALLING) {
                record(u.patchId(), u.outcome(), u.trigger(), policy);
            } else {
                LOG.info("self-upgrade outcome {} for {} already recorded", u.outcome().state().word(), u.patchId());
            }
        });
    }

    /** Installs a patch a tick's decision let install; one that does not start waits for the next tick. */
    void onTick(PatchRecord rec, Decision d, SitePolicy policy) {
        String trigger = rec.scheduledAt() != null || policy.mode() == InstallMode.SCHEDULED
                ? "scheduled" : "automatic";
        try {
            install(rec.id(), d, trigger, policy);
        } catch (PatchbayException e) {
            LOG.warn("{} did not start: {}", rec.title(), e.getMessage());
        }
    }

    /** An operator's install ({@code trigger}: install now or rollback); refuses, saying why, when the decision does. */
    InstallOutcome byOperator(PatchRecord rec, Trigger trigger) {
        SitePolicy policy = ctx.policy();
        Decision d;
        synchronized (monitor) {
            Registry reg = ctx.store().read();
            PatchRecord fresh = reg.require(rec.id());
            if (fresh.state() == PatchState.INSTALLING) {
                throw new PatchbayException(fresh.title() + " is being installed by another process"
                        + InstallLock.holder(ctx.home().dir()).map(h -> ": pid " + h.pid() + " (" + h.command() + ")")
                        .orElse(""));
            }
            Instant at = ctx.clock().instant();
            d = decisions.decide(fresh, reg, policy, trigger, at);
            if (d.verdict() != Verdict.INSTALL_NOW) {
                if (fresh.waiting()) {
                    decisions.logChange(fresh, d);
                    decisions.settle(fresh, d, at, false);
                    reports.writeAll();
                }
                throw new PatchbayException(fresh.title() + " not installed: " + d.reason());
            }
        }
        return install(rec.id(), d, "operator", policy);
    }

    /**
     * The version a rollback of {@code product} would reinstall: the highest earlier version this agent installed
     * whose kit is still intact.
     */
    PatchRecord rollbackTarget(Registry reg, String product) {
        Version current = reg.installed().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(product))
                .map(e -> Version.parse(e.getValue())).findFirst()
                .orElseThrow(() -> new PatchbayException("no " + product + " is installed through this agent"));
        return reg.patches().stream()
                .filter(r -> !r.kitRefused() && r.product().equalsIgnoreCase(product))
                // A delta makes its release only from its base, older than the release it would roll back from.
                .filter(r -> !r.manifest().isDelta() || baseKit(reg, r).isPresent())
                .filter(r -> Version.parse(r.version()).isOlderThan(current))
                .filter(r -> r.installations().stream().anyMatch(i -> i.outcome() == PatchState.INSTALLED))
                .filter(r -> StagedKit.intact(ctx.staging(r), ctx.kitFile(r)))
                .max(Comparator.comparing((PatchRecord r) -> Version.parse(r.version())))
                .orElseThrow(() -> new PatchbayException("no earlier version of " + product + " than " + current
                        + " was installed through this agent: nothing to roll back to"));
    }

    /** Reinstalls {@code previous} with the forced-rollback trigger; the newer versions it replaces are rolled back. */
    InstallOutcome rollback(PatchRecord previous) {
        Registry reg = ctx.store().read();
        String current = reg.installed().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(previous.product()))
                .map(Map.Entry::getValue).findFirst().orElse("?");
        log.event(AgentLog.Event.ROLLBACK, "an operator rolls " + previous.product() + " back from " + current + " to "
                + previous.version());
        InstallOutcome outcome = byOperator(previous, Trigger.ROLLBACK);
        if (outcome.installed()) {
            log.event(AgentLog.Event.ROLLBACK, previous.product() + " rolled back from " + current + " to "
                    + previous.version());
            Instant at = ctx.clock().instant();
            ctx.store().transition(PatchEvent.ROLLED_BACK_BY_OPERATOR, r -> {
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
            reports.writeAll();
        }
        return outcome;
    }

    /**
     * Finishes what a killed installation left (in this process, under the install lock) and records it on its
     * patch; a patch marked installing whose installation never started waits again. A killed self-upgrade is
     * resumed by an upgrader of its own, whose outcome a later tick records. Empty when there was nothing to
     * recover, or another process is installing right now.
     */
    Optional<InstallOutcome> recover() {
        boolean resuming = selfUpgrade.resumeIfInterrupted();
        if (resuming) {
            log.event(AgentLog.Event.INSTALL, "resuming a self-upgrade whose upgrader was stopped halfway");
        }
        Optional<InstallOutcome> outcome;
        try {
            outcome = new Installer(ctx.home().dir()).recover();
        } catch (PatchbayException e) {
            LOG.warn("recovery skipped: {}", e.getMessage());
            return Optional.empty();
        }
        String recoveredId = null;
        if (outcome.isPresent()) {
            InstallOutcome o = outcome.get();
            // Only a patch marked installing can end: it was written before its installation started.
            recoveredId = ctx.store().read().patches().stream()
                    .filter(r -> r.state() == PatchState.INSTALLING)
                    .filter(r -> o.product().equals(r.product()) && o.version().equals(r.version()))
                    .reduce((a, b) -> b).map(PatchRecord::id).orElse(null);
            if (recoveredId != null) {
                record(recoveredId, o, "recovery", ctx.policy());
            } else {
                LOG.warn("recovered {} {} ({}), but no patch of it is installing: the registry is left as it is",
                        o.product(), o.version(), o.state().word());
            }
        }
        if (InstallLock.holder(ctx.home().dir()).isEmpty()) {
            clearStagingLeftovers();
            String done = recoveredId;
            Instant now = ctx.clock().instant();
            ctx.store().transition(PatchEvent.INSTALL_INTERRUPTED, r -> {
                Registry out = r;
                for (PatchRecord p : r.patches()) {
                    // The resumed upgrader's outcome ends the agent's own patch: it stays installing until then.
                    boolean upgrading = resuming && SelfUpgrade.handles(p.product());
                    if (p.state() == PatchState.INSTALLING && !p.id().equals(done) && !upgrading) {
                        out = out.replace(p.id(), q -> q.withState(PatchState.WAITING,
                                "the agent stopped before the installation started", null, now));
                    }
                }
                return out;
            });
        }
        reports.writeAll();
        return outcome;
    }

    /**
     * The release a delta kit of {@code rec} is applied to: the installed one, or, when that is not the delta's base
     * (an operator rolls back to the delta's release), the base release's own kit extracted, if this agent keeps it.
     * Otherwise the installed release, which the delta then refuses ("needs the full kit").
     */
    private StagedKit.InstalledRelease deltaBase(PatchRecord rec, java.nio.file.Path installRoot) throws IOException {
        Registry reg = ctx.store().read();
        StagedKit.InstalledRelease installed = new StagedKit.InstalledRelease(installRoot,
                reg.installedVersion(rec.product()));
        Manifest m = rec.manifest();
        if (!m.isDelta() || m.delta().version().equals(installed.version())) {
            return installed;
        }
        Optional<PatchRecord> baseKit = baseKit(reg, rec);
        if (baseKit.isEmpty()) {
            return installed;
        }
        PatchRecord b = baseKit.get();
        StagedKit.ready(ctx.staging(b), ctx.kitFile(b), ctx.trustedKeys(), installed, DeltaApplier.Unchanged.COPIED);
        return new StagedKit.InstalledRelease(ctx.staging(b).resolve("payload"), m.delta().version());
    }

    /** The full kit of the release the delta kit of {@code delta} patches, when this agent keeps it intact. */
    private Optional<PatchRecord> baseKit(Registry reg, PatchRecord delta) {
        Version base = delta.manifest().delta().version();
        return reg.patches().stream()
                .filter(r -> !r.kitRefused() && !r.manifest().isDelta() && r.product().equals(delta.product()))
                .filter(r -> Version.parse(r.version()).equals(base))
                .filter(r -> StagedKit.intact(ctx.staging(r), ctx.kitFile(r)))
                .findFirst();
    }

    /** Deletes the half-made staging folders a process killed while making them left; logged, never raised. */
    private void clearStagingLeftovers() {
        for (PatchRecord p : ctx.store().read().patches()) {
            try {
                StagedKit.clearLeftovers(ctx.staging(p));
            } catch (IOException e) {
                LOG.warn("could not delete what was left beside {}: {}", ctx.staging(p), e.toString());
            }
        }
    }

    private InstallOutcome install(String id, Decision d, String trigger, SitePolicy policy) {
        Instant start = ctx.clock().instant();
        // On disk before the installation starts: a killed agent's next start finds it installing and recovers.
        PatchRecord rec = ctx.store().transition(PatchEvent.INSTALL_STARTED, r -> {
            PatchRecord p = r.require(id);
            if (p.state() == PatchState.INSTALLING) {
                throw new PatchbayException(p.title() + " is being installed by another process");
            }
            return r.replace(id, q -> q.withState(PatchState.INSTALLING, "installing (" + trigger + ")",
                    d.checks(), start));
        }).require(id);
        reports.writeAll();
        log.event(AgentLog.Event.INSTALL, "installing " + rec.title() + " (" + trigger + ")");
        Manifest manifest = rec.manifest();
        // A delta's staging folder is installed by copying: its kit file holds patches, so it cannot give the files
        // back to the post-install backup, which then keeps copies of its own (of the changed files only).
        InstallRequest request = new InstallRequest(manifest.withDelta(null), ctx.staging(rec),
                ctx.config().installRoot(), ctx.config().dataRoot(), InstallRequest.DEFAULT_HOOK_TIMEOUT,
                manifest.isDelta() ? null : ctx.kitFile(rec));
        InstallOutcome outcome;
        try {
            StagedKit.InstalledRelease base = deltaBase(rec, request.installRoot());
            // The files a delta did not change stay where they are installed, unless the install needs a whole tree:
            // the agent's own upgrade swaps in a whole distribution, and a delta made from its base's kit (a rollback
            // to its release) installs over another release.
            boolean whole = SelfUpgrade.handles(rec.product()) || !base.installRoot().equals(request.installRoot());
            StagedKit.ready(request.staging(), ctx.kitFile(rec), ctx.trustedKeys(), base,
                    whole ? DeltaApplier.Unchanged.COPIED : DeltaApplier.Unchanged.VERIFIED_IN_PLACE);
            // The agent's own kit: a detached upgrader replaces this process; the next agent records the outcome.
            outcome = SelfUpgrade.handles(rec.product())
                    ? selfUpgrade.start(id, trigger, rec.version(), Agent.agentVersion(),
                    request.staging().resolve("payload"))
                    : installs.install(request);
        } catch (StagedKit.DeltaRefused e) {
            refuseDelta(rec, e);
            throw e;
        } catch (RuntimeException | IOException e) {
            String why = e instanceof PatchbayException ? e.getMessage() : e.toString();
            Instant at = ctx.clock().instant();
            ctx.store().transition(PatchEvent.INSTALL_NOT_STARTED, r -> r.replace(id, p -> p.withState(PatchState.WAITING,
                    "installation did not start: " + why, null, at)));
            reports.writeAll();
            throw e instanceof PatchbayException pe ? pe : new PatchbayException("installation did not start: " + why, e);
        }
        if (outcome.state() != PatchState.INSTALLING) {
            record(id, outcome, trigger, policy);
        }
        return outcome;
    }

    /** Records a delta refused at staging: final, its reason for the workstation; nothing on the site changed. */
    private void refuseDelta(PatchRecord rec, StagedKit.DeltaRefused e) {
        Instant at = ctx.clock().instant();
        ctx.store().transition(PatchEvent.DELTA_REFUSED, r -> r.replace(rec.id(), p -> p.withDeltaRefused(
                e.getMessage(), at)));
        log.event(AgentLog.Event.REFUSE, rec.title() + " (" + rec.kit() + "): " + e.getMessage());
        reports.writeAll();
    }

    private void record(String id, InstallOutcome outcome, String trigger, SitePolicy policy) {
        Instant at = ctx.clock().instant();
        Registry after = ctx.store().transition(PatchEvent.INSTALL_ENDED, r -> {
            Registry out = r.replace(id, p -> p.withInstallation(outcome.toReport(trigger), at));
            return outcome.installed() ? out.withInstalled(outcome.product(), outcome.version()) : out;
        });
        PatchRecord rec = after.require(id);
        log.event(outcome.state() == PatchState.ROLLED_BACK ? AgentLog.Event.ROLLBACK : AgentLog.Event.INSTALL,
                rec.title() + ": " + outcome.state().word() + (outcome.reason() == null ? "" : " (" + outcome.reason() + ")"));
        notices.installationEnded(rec, outcome, trigger, policy, at);
        reports.writeAll();
    }
}
