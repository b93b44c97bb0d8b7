package io.patchbay.agent.receive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The daemon's way into the inbox, once per pass: every file that was announced and every file still lying there
 * goes to the receiver once it is whole ({@link HandCopyGate}). A kit this machine failed to take
 * ({@link KitReceiver.Received.Kind#FAILED}) is left alone until {@code retryEvery} has passed, so a full disk is
 * tried again on a later tick rather than filled again every few seconds.
 */
public final class InboxIntake {
    private final Path inbox;
    private final HandCopyGate gate;
    private final Duration retryEvery;
    private final Clock clock;
    private final Map<Path, Instant> failed = new HashMap<>();

    public InboxIntake(Path inbox, HandCopyGate gate, Duration retryEvery, Clock clock) {
        this.inbox = inbox;
        this.gate = gate;
        this.retryEvery = retryEvery;
        this.clock = clock;
    }

    /**
     * Offers {@code announced} and the inbox's files to {@code receive}; returns whether a file is still being
     * written, in which case the next pass should come within {@link #settle()}.
     */
    public boolean pass(Collection<Path> announced, Function<Path, Optional<KitReceiver.Received>> receive) {
        Set<Path> files = new LinkedHashSet<>(announced);
        files.addAll(InboxWatcher.scan(inbox));
        failed.keySet().removeIf(p -> !Files.exists(p));
        Instant now = clock.instant();
        for (Path file : files) {
            Instant retry = failed.get(file);
            if ((retry != null && now.isBefore(retry)) || !gate.complete(file)) {
                continue;
            }
            boolean failedAgain = receive.apply(file).map(r -> r.kind() == KitReceiver.Received.Kind.FAILED)
                    .orElse(false);
            if (failedAgain) {
                failed.put(file, clock.instant().plus(retryEvery));
            } else {
                failed.remove(file);
            }
        }
        return gate.waiting();
    }

    /** How soon to look again at a file still being written. */
    public Duration settle() {
        return gate.settle();
    }
}
