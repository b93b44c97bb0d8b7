package io.patchbay.agent.log;

import io.patchbay.agent.home.AgentHome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The agent's account of what it did, one line per event: a kit or notice received, a refusal, a decision that
 * changed a patch's state, an installation, a rollback, a notice to the administrator. Each line goes to standard
 * error through SLF4J (journald under systemd stamps and keeps it) and, for an agent home, to
 * {@code logs/agent.log}, rotated at 1 MiB with 5 files kept. A line is one line whatever it quotes: line
 * breaks, ANSI escapes and other control characters in a kit's name or a server's answer are escaped.
 */
public final class AgentLog {
    public static final long MAX_FILE_BYTES = 1 << 20;
    public static final int KEPT_FILES = 5;
    public static final String FILE_NAME = "agent.log";

    private static final Logger LOG = LoggerFactory.getLogger("io.patchbay.agent.events");
    private static final Map<Path, AgentLog> BY_FOLDER = new ConcurrentHashMap<>();
    private static final AgentLog NONE = new AgentLog(null, Clock.systemUTC());

    /** What happened; the first word of its line. */
    public enum Event {
        RECEIVE, REFUSE, DECISION, INSTALL, ROLLBACK, NOTICE;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final RotatingLog file;
    private final Clock clock;
    private final AtomicBoolean fileFailed = new AtomicBoolean();

    public AgentLog(RotatingLog file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** The log of an agent home ({@code logs/agent.log}), one per folder in this process. */
    public static AgentLog of(AgentHome home) {
        return BY_FOLDER.computeIfAbsent(home.logs(), dir ->
                new AgentLog(new RotatingLog(dir, FILE_NAME, MAX_FILE_BYTES, KEPT_FILES), Clock.systemUTC()));
    }

    /** Standard error only (no home, or a test that does not look at the file). */
    public static AgentLog none() {
        return NONE;
    }

    /** Logs one event; never fails the agent's work (a log that cannot be written is said once on stderr). */
    public void event(Event event, String text) {
        String line = event.word() + " " + oneLine(text);
        if (event == Event.REFUSE) {
            LOG.warn(line);
        } else {
            LOG.info(line);
        }
        if (file == null) {
            return;
        }
        Instant at = clock.instant();
        try {
            file.append(at + " " + line);
            fileFailed.set(false);
        } catch (IOException | RuntimeException e) {
            if (fileFailed.compareAndSet(false, true)) {
                LOG.warn("cannot write the agent log {}: {}", file.file(), oneLine(String.valueOf(e.getMessage())));
            }
        }
    }

    /** {@code text} with every control character escaped ({@code \n}, {@code \r}, {@code \t}, else {@code \x1b}). */
    public static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
