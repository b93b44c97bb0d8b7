package io.patchbay.app.alerts;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.workspace.Alert;
import io.patchbay.model.workspace.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The dead-man watch as a running worker keeps it: every pass raises and clears alerts (a missed install chance,
 * a quiet site, a rollout that paused itself) and mails the ones not mailed yet to support, when the workspace
 * has {@value SupportMail#FILE}. So support hears of a stuck rollout without anyone running {@code alerts --mail}.
 */
public final class DeadManWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeadManWatch.class);

    private final Workspace ws;
    private final Path workspaceDir;
    private final Duration grace;
    private final Duration quiet;
    private final String actor;
    private final Consumer<String> say;
    private ScheduledExecutorService timer;

    public DeadManWatch(Workspace ws, Path workspaceDir, Duration grace, Duration quiet, String actor, Consumer<String> say) {
        this.ws = ws;
        this.workspaceDir = workspaceDir;
        this.grace = grace;
        this.quiet = quiet;
        this.actor = actor;
        this.say = say;
    }

    /** Runs a pass now and then every {@code every}, on a thread of its own, until {@link #close()}. */
    public DeadManWatch every(Duration every) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dead-man watch");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::passQuietly, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One pass: the watch, then mail. Returns the alerts mailed in this pass. */
    public List<Alert> pass() throws IOException {
        ws.alerts().watch(grace, quiet, actor);
        var settings = SupportMail.read(workspaceDir);
        if (settings.isEmpty()) {
            return List.of();
        }
        AlertMailer mailer = AlertMailer.toSupport(ws, workspaceDir, settings.get());
        List<Alert> sent = mailer.mailUnmailed();
        if (!sent.isEmpty()) {
            say.accept(mailer.mailedLine(sent));
        }
        return sent;
    }

    private void passQuietly() {
        try {
            pass();
        } catch (IOException | PatchbayException e) {
            // The mail server or the database is away: the alerts stay unmailed and the next pass tries again.
            LOG.warn("dead-man watch: {} (tried again on the next pass)", e.getMessage());
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
