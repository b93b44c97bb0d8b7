package io.patchbay.model.workspace;

import io.patchbay.model.report.AgentHealth;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * How a site's agent is doing, as a person at the workstation needs it at a glance: one kind and one line.
 * The first that applies wins: never heard from, not heard from (silent longer than the setting), error (the
 * latest tick failed, the policy is unreadable, e-mail or HTTPS failing), low disk, healthy.
 */
public record AgentCondition(Kind kind, String text) {
    /** Below this many free bytes on the home's or the install root's file system, a kit may not fit. */
    public static final long LOW_DISK_BYTES = 1L << 30;
    /** How long an agent may be silent before the workstation says so, unless a person sets otherwise. */
    public static final Duration DEFAULT_NOT_HEARD_AFTER = Duration.ofHours(2);

    private static final DateTimeFormatter CONTACT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ENGLISH);

    /** In rising order of concern (tables sort by it). */
    public enum Kind {
        HEALTHY, NO_HEALTH_REPORT, LOW_DISK, ERROR, NOT_HEARD_FROM, NEVER_HEARD_FROM;

        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }

        /** Whether the agent has been silent (the "not heard from" filter). */
        public boolean silent() {
            return this == NOT_HEARD_FROM || this == NEVER_HEARD_FROM;
        }
    }

    public AgentCondition {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    public static AgentCondition of(SiteAgent agent, Instant now, Duration notHeardAfter) {
        Instant contact = agent.lastContact();
        if (contact == null) {
            return new AgentCondition(Kind.NEVER_HEARD_FROM, "never heard from");
        }
        Duration silent = Duration.between(contact, now);
        if (silent.compareTo(notHeardAfter) > 0) {
            return new AgentCondition(Kind.NOT_HEARD_FROM, "not heard from for " + ago(silent));
        }
        if (!agent.hasHealth()) {
            return new AgentCondition(Kind.NO_HEALTH_REPORT, "reporting, but writes no health report (an older agent)");
        }
        AgentHealth.LastError error = agent.lastError();
        if (error != null && (agent.lastTick() == null || error.at().isAfter(agent.lastTick()))) {
            return new AgentCondition(Kind.ERROR, "error: " + error.message());
        }
        if (Boolean.FALSE.equals(agent.policyReadable())) {
            return new AgentCondition(Kind.ERROR, "error: the site policy is unreadable");
        }
        if (failing(agent.mail())) {
            return new AgentCondition(Kind.ERROR, "error: e-mail " + agent.mail().describe());
        }
        if (failing(agent.https())) {
            return new AgentCondition(Kind.ERROR, "error: HTTPS " + agent.https().describe());
        }
        String low = lowDisk("home", agent.homeFreeBytes()) + lowDisk("install root", agent.installRootFreeBytes());
        if (!low.isEmpty()) {
            return new AgentCondition(Kind.LOW_DISK, "low disk:" + low.substring(1));
        }
        return new AgentCondition(Kind.HEALTHY, "healthy");
    }

    private static boolean failing(AgentHealth.Service s) {
        return s != null && s.state() == AgentHealth.ServiceState.FAILING;
    }

    private static String lowDisk(String where, Long free) {
        return free != null && free < LOW_DISK_BYTES ? ", " + bytes(free) + " free in the " + where : "";
    }

    /**
     * A last contact as a person reads it, in {@code zone} and with it, and how long ago:
     * {@code 2026-12-02 09:10 CET (12 min ago)}; "never" when there was none.
     */
    public static String contact(Instant at, Instant now, ZoneId zone) {
        if (at == null) {
            return "never";
        }
        return at(at, zone) + " (" + ago(Duration.between(at, now)) + " ago)";
    }

    /** A time as a person reads it, in {@code zone} and with it: {@code 2026-12-02 09:10 CET}. */
    public static String at(Instant at, ZoneId zone) {
        return CONTACT.format(at.atZone(zone));
    }

    /** e.g. "512 MiB", "3.2 GiB". */
    public static String bytes(long n) {
        if (n < 1L << 20) {
            return (n >> 10) + " KiB";
        }
        if (n < 1L << 30) {
            return (n >> 20) + " MiB";
        }
        return String.format(Locale.ROOT, "%.1f GiB", n / (double) (1L << 30));
    }

    /** e.g. "3 h 5 min", "2 days 4 h", "40 min". */
    public static String ago(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        if (minutes < 60) {
            return minutes + " min";
        }
        if (minutes < 48 * 60) {
            return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
        }
        return minutes / (24 * 60) + " days" + (minutes / 60 % 24 == 0 ? "" : " " + minutes / 60 % 24 + " h");
    }
}
