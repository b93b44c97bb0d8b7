package io.patchbay.agent.receive;

import io.patchbay.agent.log.LogText;
import io.patchbay.agent.log.AgentLog;
import io.patchbay.agent.home.AgentHome;
import io.patchbay.agent.registry.PullRecord;
import io.patchbay.agent.registry.Registry;
import io.patchbay.agent.registry.RegistryStore;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.io.FileHashes;
import io.patchbay.model.pull.PullNotices;
import io.patchbay.model.pull.VerifiedPullNotice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
        Registry after = registry.update(r -> {
            first[0] = r.pullOf(record.product(), record.version()).isEmpty();
            return r.withPull(record);
        });
        Files.createDirectories(home.pulls());
        AtomicFiles.moveAtomically(file, home.pulls().resolve(name));
        PullRecord recorded = after.pullOf(record.product(), record.version()).orElseThrow();
        AgentLog.of(home).event(AgentLog.Event.RECEIVE, "pull notice: " + recorded.title() + " was pulled by the vendor ("
                + recorded.reason() + "), signed by " + verified.signerFingerprint());
        return Optional.of(new Outcome(recorded, first[0], null, name));
    }

    private void reject(Path file, String name, String why) throws IOException {
        Files.createDirectories(home.rejected());
        Path target = home.rejected().resolve(name);
        if (Files.exists(target)) {
            String stem = name.substring(0, name.length() - PullNotices.SUFFIX.length());
            target = home.rejected().resolve(stem + "-" + FileHashes.sha256(file).substring(0, 12) + PullNotices.SUFFIX);
        }
        AtomicFiles.moveAtomically(file, target);
        AtomicFiles.write(target.resolveSibling(target.getFileName() + ".reason.txt"),
                (why + "\n").getBytes(StandardCharsets.UTF_8));
        AgentLog.of(home).event(AgentLog.Event.REFUSE, name + ": " + why);
    }
}
