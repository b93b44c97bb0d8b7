package io.patchbay.agent.run;

import io.patchbay.agent.install.StagedKit;
import io.patchbay.agent.log.AgentLog;
import io.patchbay.agent.registry.PatchEvent;
import io.patchbay.agent.registry.PatchRecord;
import io.patchbay.agent.registry.PullRecord;
import io.patchbay.agent.registry.Registry;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.decision.Decision;
import io.patchbay.model.decision.PatchDecider;
import io.patchbay.model.decision.PatchFacts;
import io.patchbay.model.decision.PreconditionProbe;
import io.patchbay.model.decision.Trigger;
import io.patchbay.model.decision.Verdict;
import io.patchbay.model.policy.SitePolicy;

import java.time.Instant;

/**
 * Gathers a patch's facts for {@link PatchDecider}, which decides alone (its result is recorded as it is), and leaves
 * a patch that does not install now in its decision.
 */
final class PatchDecisions {
    private final AgentContext ctx;
    private final PreconditionProbe probe;
    private final AgentLog log;

    PatchDecisions(AgentContext ctx, PreconditionProbe probe, AgentLog log) {
        this.ctx = ctx;
        this.probe = probe;
        this.log = log;
    }

    Decision decide(PatchRecord rec, Registry reg, SitePolicy policy, Trigger trigger, Instant now) {
        return decide(rec, reg, policy, trigger, now, probe);
    }

    /** Whether {@code patch} would install on the next tick without anyone acting (the notice promises it then). */
    boolean installsNow(PatchRecord patch) {
        try {
            Registry reg = ctx.store().read();
            // The site's precondition is not run twice for a notice: it runs when the tick installs.
            return decide(reg.require(patch.id()), reg, ctx.policy(), Trigger.TICK, ctx.clock().instant(),
                    command -> PreconditionProbe.Result.passed()).verdict() == Verdict.INSTALL_NOW;
        } catch (PatchbayException e) {
            return false;
        }
    }

    /** Decides a waiting patch again now (a pulled one then shows pulled at once rather than at the next tick). */
    void decideAgain(String id, Instant at) {
        Registry reg = ctx.store().read();
        PatchRecord rec = reg.require(id);
        if (!rec.waiting()) {
            return;
        }
        Decision d = decide(rec, reg, ctx.policy(), Trigger.TICK, at);
        logChange(rec, d);
        settle(rec, d, at, false);
    }

    /**
     * Leaves {@code decided} in {@code d}; {@code told}: the administrator was notified. Left alone when another
     * process moved the patch since the decision read it: the next tick decides it again.
     */
    void settle(PatchRecord decided, Decision d, Instant at, boolean told) {
        ctx.store().transition(PatchEvent.DECIDED, r -> r.replace(decided.id(), p -> {
            if (p.state() != decided.state()) {
                return p;
            }
            PatchRecord q = p.withDecision(d, at);
            return told ? q.withAdminNotified() : q;
        }));
    }

    /** One log line when a decision moves a patch to another state (a new reason for the same state is not). */
    void logChange(PatchRecord before, Decision d) {
        if (before.state() != d.reportState()) {
            log.event(AgentLog.Event.DECISION, before.title() + ": " + before.state().word() + " -> "
                    + d.reportState().word() + (d.reason() == null ? "" : ": " + d.reason()));
        }
    }

    private Decision decide(PatchRecord rec, Registry reg, SitePolicy policy, Trigger trigger, Instant now,
                            PreconditionProbe precondition) {
        boolean intact = StagedKit.intact(ctx.staging(rec), ctx.kitFile(rec));
        PatchFacts.Pull pull = reg.pullOf(rec).map(PatchDecisions::pull).orElse(null);
        PatchFacts facts = new PatchFacts(rec.manifest(), reg.installedVersion(rec.product()), pull, intact,
                rec.scheduledAt(), rec.postponed(), rec.adminNotified(), trigger);
        return PatchDecider.decide(facts, policy, now, precondition);
    }

    private static PatchFacts.Pull pull(PullRecord p) {
        return new PatchFacts.Pull(p.pulledAt(), p.reason());
    }
}
