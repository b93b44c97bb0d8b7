package io.patchbay.agent.receive;

import io.patchbay.agent.log.AgentLog;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.agent.home.AgentHome;
import io.patchbay.agent.registry.PullRecord;
import io.patchbay.agent.registry.Registry;
import io.patchbay.agent.registry.RegistryStore;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.pull.PullNotice;
import io.patchbay.model.pull.PullNotices;
import io.patchbay.model.pull.VerifiedPullNotice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Takes one pull notice file ({@code *.pull}) out of the inbox: verifies it against the site's trusted keys
 * ({@link PullNotices#verify}), records the pull in the registry and keeps the file in {@code pulls/}. A notice
 * that fails verification moves to {@code rejected/} with {@code <notice>.reason.txt} beside it, as a refused
 * kit does, and changes nothing. What the pull means for the site's patches is the {@code Agent}'s decision.
 */
public final class PullNoticeReceiver {

    /**
     * What became of one notice file.
     *
     * @param pull    the pull as recorded (the first notice of a release wins); null when refused
     * @param first   this notice told the site for the first time (a repeated notice changes nothing)
     * @param refusal why the notice was refused; null when accepted
     * @param file    the notice's file name as received
     */
    public record Outcome(PullRecord pull, boolean first, String refusal, String file) {
        public boolean accepted() {
            return refusal == null;
        }
    }

    private final AgentHome home;
    private final RegistryStore registry;
    private final Supplier<Collection<PublicKey>> trusted;
    private final Clock clock;

    public PullNoticeReceiver(AgentHome home, RegistryStore registry, Supplier<Collection<PublicKey>> trusted,
                              Clock clock) {
        this.home = home;
        this.registry = registry;
        this.trusted = trusted;
        this.clock = clock;
    }

    /** Receives {@code file}; empty when it vanished meanwhile (another process took it). */
    public Optional<Outcome> receive(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String name = KitReceiver.safeName(file.getFileName().toString());
        VerifiedPullNotice verified;
        try {
            if (Files.size(file) > PullNotices.MAX_BYTES) { // refused unread
                throw new PatchbayException("pull notice " + name + " is larger than " + PullNotices.MAX_BYTES
                        + " bytes: not a pull notice");
            }
            verified = PullNotices.verify(Files.readAllBytes(file), name, trusted.get());
        } catch (PatchbayException e) {
            reject(file, name, e.getMessage());
            return Optional.of(new Outcome(null, false, e.getMessage(), name));
        }
        PullRecord record = PullRecord.of(verified, name, clock.instant());
        boolean[] first = {false};
        String[] replay = {null};
        Registry after = registry.update(r -> {
            Optional<PullRecord> known = r.pullOf(record.product(), record.version());
            replay[0] = known.map(k -> replay(verified.notice(), k, name)).orElse(null);
            if (replay[0] != null) {
                return r;
            }
            first[0] = known.isEmpty();
            return r.withPull(record);
        });
        if (replay[0] != null) {
            reject(file, name, replay[0]);
            return Optional.of(new Outcome(null, false, replay[0], name));
        }
        Files.createDirectories(home.pulls());
        AtomicFiles.moveAtomically(file, home.pulls().resolve(name));
        PullRecord recorded = after.pullOf(record.product(), record.version()).orElseThrow();
        AgentLog.of(home).event(AgentLog.Event.RECEIVE, "pull notice: " + recorded.title() + " was pulled by the vendor ("
                + recorded.reason() + "), signed by " + verified.signerFingerprint());
        return Optional.of(new Outcome(recorded, first[0], null, name));
    }

    /**
     * Why {@code notice} is a replay given what this site saw of its release ({@code known}), or null when it is not
     * (no going back, per release: see {@link PullNotice#sequence}). An unnumbered notice after a numbered one is a
     * replay of the old format; a lower number than the highest seen, a replay. An equal number is the same notice
     * sent again, which changes nothing.
     */
    private static String replay(PullNotice notice, PullRecord known, String name) {
        if (known.sequence() == PullNotice.UNNUMBERED || notice.sequence() >= known.sequence()) {
            return null;
        }
        if (!notice.numbered()) {
            return "pull notice " + name + " is unnumbered, but this site has seen notice " + known.sequence()
                    + " of " + known.title() + ": refused as a replay";
        }
        return "pull notice " + name + " has sequence " + notice.sequence() + ", older than " + known.sequence()
                + ", the newest this site has seen for " + known.title() + ": refused as a replay";
    }

    private void reject(Path file, String name, String why) throws IOException {
        SetAside.refused(home, file, name, PullNotices.SUFFIX, why);
    }
}
