package io.patchbay.agent.run;

import io.patchbay.agent.log.LogText;
import io.patchbay.agent.receive.KitReceiver;
import io.patchbay.agent.receive.PullNoticeReceiver;
import io.patchbay.agent.receive.RotationReceiver;
import io.patchbay.agent.registry.PatchRecord;
import io.patchbay.agent.registry.PullRecord;
import io.patchbay.agent.registry.Registry;
import io.patchbay.model.pull.PullNotices;
import io.patchbay.model.trust.RotationStatements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Takes files out of the inbox: a kit ({@link KitReceiver} receives, verifies and registers it), a pull notice
 * ({@link PullNoticeReceiver}) or a key rotation statement ({@link RotationReceiver}); then the administrator is told and the reports are rewritten.
 */
final class PatchIntake {
    private static final Logger LOG = LoggerFactory.getLogger(PatchIntake.class);

    private final AgentContext ctx;
    private final PatchDecisions decisions;
    private final AgentNotices notices;
    private final StatusWriter reports;
    private final KitReceiver receiver;
    private final PullNoticeReceiver pullReceiver;
    private final RotationReceiver rotationReceiver;

    PatchIntake(AgentContext ctx, PatchDecisions decisions, AgentNotices notices, StatusWriter reports) {
        this.ctx = ctx;
        this.decisions = decisions;
        this.notices = notices;
        this.reports = reports;
        this.receiver = new KitReceiver(ctx.home(), ctx.store(), ctx.trust(), () -> ctx.policy().signatures(),
                ctx.clock());
        this.pullReceiver = new PullNoticeReceiver(ctx.home(), ctx.store(), ctx::trustedKeys, ctx.clock());
        this.rotationReceiver = new RotationReceiver(ctx.home(), ctx.trust());
    }

    /**
     * Receives one kit, or a pull notice ({@code *.pull}: see {@link #receivePullNotice}; empty here). A kit of a
     * release the vendor already pulled is decided at once, so it shows pulled and never installs.
     */
    Optional<KitReceiver.Received> receive(Path file) {
        if (PullNotices.isNoticeFileName(file.getFileName().toString())) {
            receivePullNotice(file);
            return Optional.empty();
        }
        if (RotationStatements.isStatementFileName(file.getFileName().toString())) {
            receiveRotation(file);
            return Optional.empty();
        }
        Optional<KitReceiver.Received> r = receiver.receive(file);
        if (r.isPresent() && r.get().kind() == KitReceiver.Received.Kind.FAILED) {
            // Not registered: this report alone tells the workstation what failed here, until a later try succeeds.
            reports.write(r.get().patch());
            return r;
        }
        if (r.isPresent() && r.get().kind() == KitReceiver.Received.Kind.REGISTERED) {
            PatchRecord patch = r.get().patch();
            Optional<PullRecord> pull = ctx.store().read().pullOf(patch);
            if (pull.isPresent()) {
                decisions.decideAgain(patch.id(), ctx.clock().instant());
                notices.receivedPulled(patch, pull.get());
                r = Optional.of(new KitReceiver.Received(r.get().kind(), ctx.store().read().require(patch.id())));
            } else {
                notices.received(patch, decisions.installsNow(patch));
            }
        }
        if (r.isPresent() && r.get().kind() != KitReceiver.Received.Kind.DUPLICATE) {
            reports.writeAll();
        }
        return r;
    }

    /**
     * Receives one key rotation statement ({@code *.rotation}): accepted, its new key is trusted from now on (kits
     * it signs verify); refused, it is set aside with its reason and changes nothing.
     */
    Optional<RotationReceiver.Outcome> receiveRotation(Path statement) {
        try {
            return rotationReceiver.receive(statement);
        } catch (IOException e) {
            LOG.warn("cannot receive {}: {}", LogText.escape(statement), LogText.escape(e.getMessage()));
            return Optional.empty();
        }
    }

    /**
     * Receives one pull notice. When it verifies: a patch of that release not installed is decided again (the
     * pulled check refuses it from now on, operator or not); one already installed stays as it is; a release not
     * received yet is remembered, so its kit shows pulled when it arrives. The administrator is told once. A notice
     * that does not verify is set aside with its reason and changes nothing (the administrator is told of that too).
     */
    Optional<PullNoticeReceiver.Outcome> receivePullNotice(Path notice) {
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
        Instant at = ctx.clock().instant();
        if (!o.accepted()) {
            notices.pullNoticeRefused(o.file(), o.refusal(), at);
            return received;
        }
        PullRecord pull = o.pull();
        List<PatchRecord> held = ctx.store().read().patches().stream()
                .filter(p -> pull.isAbout(p.product(), p.version())).toList();
        for (PatchRecord p : held) {
            decisions.decideAgain(p.id(), at);
        }
        if (o.first()) {
            Registry after = ctx.store().read();
            notices.releasePulled(pull, after, at);
        }
        reports.writeAll();
        return received;
    }
}
