package io.patchbay.agent.run;

import io.patchbay.agent.install.InstallOutcome;
import io.patchbay.agent.registry.PatchRecord;
import io.patchbay.agent.registry.PullRecord;
import io.patchbay.agent.registry.Registry;
import io.patchbay.model.policy.SitePolicy;
import io.patchbay.model.report.AgentHealth;
import io.patchbay.model.report.PatchState;
import io.patchbay.agent.notify.Notices;

import java.time.Instant;
import java.util.List;

/**
 * What the agent tells the site's administrator, one method per occasion; the words are {@link Notices}', the
 * delivery (outbox or log) the {@link Notifier}'s. Never fails the agent's work.
 */
final class AgentNotices {
    private final AgentContext ctx;
    private final Notifier notifier;

    AgentNotices(AgentContext ctx, Notifier notifier) {
        this.ctx = ctx;
        this.notifier = notifier;
    }

    /** A kit was received; {@code installsNow}: it installs on the next tick without anyone acting. */
    void received(PatchRecord patch, boolean installsNow) {
        Instant at = ctx.clock().instant();
        notifier.post(notices(ctx.policy()).downloadReceived(patch.title(), installsNow, at));
    }

    /** A kit arrived after its release's pull notice: it is registered pulled. */
    void receivedPulled(PatchRecord patch, PullRecord pull) {
        notifier.post(notices(ctx.policy()).releasePulled(patch.title(), pull.reason(), pull.pulledAt(),
                "Its kit arrived after the pull notice: it is marked pulled and will not be installed, "
                        + "not even by an operator.", ctx.clock().instant()));
    }

    /** A kit started arriving in the inbox. */
    void downloadStarted(String file) {
        notifier.post(notices(ctx.policy()).downloadStarted(file, ctx.clock().instant()));
    }

    /** A pull notice that did not verify was set aside. */
    void pullNoticeRefused(String file, String refusal, Instant at) {
        notifier.post(notices(ctx.policy()).pullNoticeRefused(file, refusal, at));
    }

    /** The vendor pulled a release; {@code reg} as the pull left it says what that means here. */
    void releasePulled(PullRecord pull, Registry reg, Instant at) {
        notifier.post(notices(ctx.policy()).releasePulled(pull.title(), pull.reason(), pull.pulledAt(),
                consequence(reg, pull), at));
    }

    /** Whether the notice was written (only then may the next decision say "administrator already notified"). */
    boolean manualInstallRequired(PatchRecord patch, SitePolicy policy, Instant at) {
        return notifier.post(notices(policy).manualInstallRequired(patch.title(), at));
    }

    /** An installation ended: installed, rolled back, or failed. */
    void installationEnded(PatchRecord patch, InstallOutcome outcome, String trigger, SitePolicy policy, Instant at) {
        Instant when = outcome.finishedAt() == null ? at : outcome.finishedAt();
        Notices n = notices(policy);
        switch (outcome.state()) {
            case INSTALLED -> notifier.post(n.installed(patch.title(), trigger, when));
            case ROLLED_BACK -> notifier.post(n.failedRolledBack(patch.title(), outcome.reason(), true, when));
            default -> notifier.post(n.failedRolledBack(patch.title(), String.valueOf(outcome.reason()), false, when));
        }
    }

    /** Retries notices still waiting for the mail server. */
    void flush() {
        notifier.flush();
    }

    /** The state of e-mail notices, for the health report. */
    AgentHealth.Service mailState() {
        return notifier.mailState();
    }

    private Notices notices(SitePolicy policy) {
        return new Notices(ctx.config().site(), policy.timeZone(), ctx.home().dir());
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
}
