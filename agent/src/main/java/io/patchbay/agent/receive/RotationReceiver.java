package io.patchbay.agent.receive;

import io.patchbay.agent.home.AgentHome;
import io.patchbay.agent.home.TrustStore;
import io.patchbay.agent.log.AgentLog;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.TransientFailure;
import io.patchbay.model.kit.KitReader;
import io.patchbay.model.trust.KeyTrust;
import io.patchbay.model.trust.RotationStatement;
import io.patchbay.model.trust.RotationStatements;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Takes key rotation statements in: a notice file ({@code *.rotation}) out of the inbox, or the {@code trust/}
 * entries of a kit before the kit is verified. Each is judged by the site's {@link TrustStore}: accepted (its new
 * key is trusted from then on), known (kits carry their signer's chain every time: nothing changes), or refused with
 * one line (a notice file then moves to {@code rejected/} with its reason, as a refused pull notice does).
 */
public final class RotationReceiver {

    /**
     * What became of one statement.
     *
     * @param statement what it said; null when refused
     * @param known     it was accepted before: nothing changed
     * @param refusal   why it was refused; null when accepted
     * @param source    the notice's file name, or the kit and entry it came in
     */
    public record Outcome(RotationStatement statement, boolean known, String refusal, String source) {
        public boolean accepted() {
            return refusal == null;
        }
    }

    private final AgentHome home;
    private final TrustStore trust;

    public RotationReceiver(AgentHome home, TrustStore trust) {
        this.home = home;
        this.trust = trust;
    }

    /** Receives a notice file; empty when it vanished meanwhile. A disk failure leaves it in the inbox (IOException). */
    public Optional<Outcome> receive(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String name = KitReceiver.safeName(file.getFileName().toString());
        Outcome o;
        if (Files.size(file) > RotationStatements.MAX_BYTES) { // refused unread
            o = refused(name, "rotation statement " + name + " is larger than " + RotationStatements.MAX_BYTES
                    + " bytes: not a rotation statement");
        } else {
            o = judge(Files.readAllBytes(file), name);
        }
        if (o.accepted()) {
            Files.delete(file); // kept in trust/rotations/ by the store, under its sequence's name
        } else {
            SetAside.refused(home, file, name, RotationStatements.SUFFIX, o.refusal());
        }
        return Optional.of(o);
    }

    /**
     * Takes the statements a kit carries, in sequence order, before the kit is judged. A refused statement does not
     * refuse the kit (the kit stands or falls by its own signatures); it is logged with its reason.
     */
    public List<Outcome> fromKit(Path kit, String kitName) throws IOException {
        List<byte[]> statements = KitReader.rotationStatements(kit);
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            Outcome o = judge(statements.get(i), kitName + " entry " + (i + 1));
            if (!o.accepted()) {
                AgentLog.of(home).event(AgentLog.Event.REFUSE, o.refusal());
            }
            outcomes.add(o);
        }
        return outcomes;
    }

    private Outcome judge(byte[] statement, String source) throws IOException {
        try {
            KeyTrust.Accepted a = trust.accept(statement, source);
            if (!a.known()) {
                AgentLog.of(home).event(AgentLog.Event.RECEIVE, "from " + source + ": " + a.statement().title()
                        + "; " + a.statement().newFingerprint() + " is trusted from now on");
            }
            return new Outcome(a.statement(), a.known(), null, source);
        } catch (TransientFailure e) {
            throw e; // this machine failed: the statement was not judged
        } catch (PatchbayException e) {
            return refused(source, e.getMessage());
        }
    }

    private static Outcome refused(String source, String why) {
        return new Outcome(null, false, why, source);
    }
}
