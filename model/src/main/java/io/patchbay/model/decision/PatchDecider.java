package io.patchbay.model.decision;

import io.patchbay.model.kit.Manifest;
import io.patchbay.model.policy.Blackout;
import io.patchbay.model.policy.InstallMode;
import io.patchbay.model.policy.InstallOpening;
import io.patchbay.model.policy.InstallTiming;
import io.patchbay.model.policy.PolicyCodec;
import io.patchbay.model.policy.SitePolicy;
import io.patchbay.model.policy.SiteTimes;
import io.patchbay.model.policy.TimeRange;
import io.patchbay.model.release.Version;
import io.patchbay.model.report.CheckOutcome;
import io.patchbay.model.report.CheckRow;
import io.patchbay.model.report.InstallChance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The agent's decision for one waiting patch, run every tick: the checks of design.md in order, each
 * writing a row, stopping at the first that does not pass. Pure: the clock is {@code now}, the facts
 * are gathered by the caller, and the precondition probe is called only when every earlier check passed.
 *
 * <p>Order: up-to-date, pulled, integrity, downgrade, requires (an installed version below the
 * manifest's {@code requires} cannot take the kit; placed with the other refusals), support-hold,
 * manual-only, major-upgrade, wait-days, blocked-weekday, blackout, install-window, precondition,
 * install-mode.
 *
 * <p>An operator's "Install now" (and a forced rollback) skips the timing rules (wait days, weekday,
 * blackout, window) and the install mode, and passes manual-only and major-upgrade, which exist to
 * make a person decide. An operator's schedule passes manual-only too (setting the time was that
 * decision) but keeps every timing rule. It never skips up-to-date, pulled, integrity, downgrade (except a forced
 * rollback), requires, or support hold: a hold is the vendor's stop on the site and is lifted by
 * setting {@code support-hold=false}, one explicit step. The precondition still runs (it protects the
 * site's data); {@code precondition-bypass=true} is the way around it.
 *
 * <p>A major upgrade is one the manifest flags {@code major}, or one whose first version number is
 * higher than the installed one's.
 */
public final class PatchDecider {
    private PatchDecider() {
    }

    public static Decision decide(PatchFacts facts, SitePolicy policy, Instant now, PreconditionProbe probe) {
        return new Run(facts, policy, now, probe).decide();
    }

    private static final class Run {
        private final PatchFacts f;
        private final Manifest m;
        private final SitePolicy p;
        private final Instant now;
        private final PreconditionProbe probe;
        private final InstallTiming timing;
        private final List<CheckRow> rows = new ArrayList<>();
        private final String zone;

        Run(PatchFacts facts, SitePolicy policy, Instant now, PreconditionProbe probe) {
            this.f = facts;
            this.m = facts.manifest();
            this.p = policy;
            this.now = now;
            this.probe = probe;
            this.timing = new InstallTiming(policy);
            this.zone = " (" + policy.timeZone().getId() + ")";
        }

        Decision decide() {
            Version installed = f.installed();
            boolean operator = f.trigger().byOperator();

            if (installed != null && installed.equals(m.version())) {
                return end(Verdict.UP_TO_DATE, CheckOutcome.STOP, Checks.UP_TO_DATE, m.title() + " is already installed");
            }
            pass(Checks.UP_TO_DATE, installed == null ? "no " + m.product() + " installed yet"
                    : m.product() + " " + installed + " installed; this patch is " + m.version());

            if (f.pulled()) {
                return end(Verdict.STOP, CheckOutcome.STOP, Checks.PULLED, pulledReason());
            }
            pass(Checks.PULLED, "not pulled");

            if (!f.intact()) {
                return end(Verdict.REFUSED, CheckOutcome.STOP, Checks.INTEGRITY,
                        "the kit failed verification or changed since it was verified");
            }
            pass(Checks.INTEGRITY, "kit verified and intact");

            if (installed != null && m.version().isOlderThan(installed)) {
                if (f.trigger() != Trigger.ROLLBACK) {
                    return end(Verdict.REFUSED, CheckOutcome.STOP, Checks.DOWNGRADE, m.version()
                            + " is older than the installed " + installed
                            + ": refused as a replay (only an operator's rollback installs an older version)");
                }
                pass(Checks.DOWNGRADE, "rollback forced by an operator: from " + installed + " back to " + m.version());
            } else {
                pass(Checks.DOWNGRADE, "not older than the installed version");
            }

            // An agent set up on an existing installation does not know its version until the first kit
            // installs (or `agent init --installed` records it); refusing every kit there would leave the site
            // unpatchable, so the baseline is taken on trust and the row says so.
            if (installed == null) {
                pass(Checks.REQUIRES, "requires " + m.requires() + " or later: no installed version recorded,"
                        + " not checked (this kit sets the baseline)");
            } else if (installed.isOlderThan(m.requires())) {
                return end(Verdict.REFUSED, CheckOutcome.STOP, Checks.REQUIRES, "requires " + m.product() + " "
                        + m.requires() + " or later installed; " + installed + " is");
            } else {
                pass(Checks.REQUIRES, "requires " + m.requires() + " or later: met");
            }

            if (p.supportHold()) {
                return end(Verdict.STOP, CheckOutcome.STOP, Checks.SUPPORT_HOLD,
                        "the site is on support hold: nothing installs, not even by an operator, until support-hold=false");
            }
            pass(Checks.SUPPORT_HOLD, "not on support hold");

            if (!m.automatic()) {
                if (!operator && f.scheduledAt() != null) {
                    // Setting the time was the person's decision this check waits for; the timing rules still hold.
                    pass(Checks.MANUAL_ONLY, "manual-only release, scheduled by an operator");
                } else if (!operator) {
                    boolean notify = !f.adminNotified();
                    rows.add(row(Checks.MANUAL_ONLY, CheckOutcome.WAIT, m.title()
                            + " must be installed manually: waiting for an operator"
                            + (notify ? "; notifying the administrator" : "; administrator already notified")));
                    return new Decision(Verdict.WAIT, last(), null, operator(Checks.MANUAL_ONLY), notify, rows);
                } else {
                    pass(Checks.MANUAL_ONLY, "manual-only release, installed by an operator");
                }
            } else {
                pass(Checks.MANUAL_ONLY, "released for automatic installation");
            }

            boolean major = m.major() || (installed != null && m.version().major() > installed.major());
            if (major && !p.allowMajor()) {
                if (!operator) {
                    String why = "major upgrade: this site does not allow automatic major upgrades (allow-major=false);"
                            + " an operator may install it";
                    rows.add(row(Checks.MAJOR_UPGRADE, CheckOutcome.STOP, why));
                    return new Decision(Verdict.STOP, why, null, operator(Checks.MAJOR_UPGRADE), false, rows);
                }
                pass(Checks.MAJOR_UPGRADE, "major upgrade, installed by an operator");
            } else {
                pass(Checks.MAJOR_UPGRADE, major ? "major upgrade, allowed by the site" : "not a major upgrade");
            }

            if (operator) {
                for (String c : List.of(Checks.WAIT_DAYS, Checks.BLOCKED_WEEKDAY, Checks.BLACKOUT, Checks.INSTALL_WINDOW)) {
                    pass(c, "skipped: an operator asked to install now");
                }
            } else {
                Decision timingStop = timingRules();
                if (timingStop != null) {
                    return timingStop;
                }
            }

            if (p.precondition() == null) {
                pass(Checks.PRECONDITION, "no precondition set");
            } else if (p.preconditionBypass()) {
                pass(Checks.PRECONDITION, "bypassed (precondition-bypass=true)");
            } else {
                PreconditionProbe.Result r = probe.run(p.precondition());
                if (!r.ok()) {
                    rows.add(row(Checks.PRECONDITION, CheckOutcome.WAIT,
                            "precondition failed: " + r.detail() + "; tried again on the next tick"));
                    // Every timing rule allows it now: the next tick is its chance, if the precondition passes then.
                    return new Decision(Verdict.WAIT, last(), null,
                            InstallChance.at(now, Checks.PRECONDITION, p.timeZone()), false, rows);
                }
                pass(Checks.PRECONDITION, "precondition passed: " + r.detail());
            }

            if (operator) {
                pass(Checks.INSTALL_MODE, f.trigger() == Trigger.ROLLBACK
                        ? "rollback forced by an operator" : "an operator asked to install now");
                return installNow();
            }
            return switch (mode()) {
                case AUTOMATIC -> {
                    pass(Checks.INSTALL_MODE, "automatic: installs now");
                    yield installNow();
                }
                case MANUAL -> {
                    rows.add(row(Checks.INSTALL_MODE, CheckOutcome.WAIT, f.postponed()
                            ? "postponed by an operator: waits for 'agent install' or 'agent schedule'"
                            : "manual mode: waiting for an operator to install"));
                    yield new Decision(Verdict.WAIT, last(), null, operator(Checks.INSTALL_MODE), false, rows);
                }
                case SCHEDULED -> scheduled();
            };
        }

        /** Wait days, blocked weekday, blackout, install window; null when all pass. */
        private Decision timingRules() {
            Instant released = m.released();
            if (!timing.waitDaysPassed(now, released)) {
                LocalDate first = timing.firstDay(released);
                LocalDate day = SiteTimes.dateOf(released, p.timeZone());
                return waitFor(Checks.WAIT_DAYS, "released " + dayName(day) + " " + day + " with " + p.waitDays()
                        + (p.waitDays() == 1 ? " wait day" : " wait days") + ": may install from " + dayName(first) + " " + first + zone,
                        p.window().on(first, p.timeZone()).from());
            }
            pass(Checks.WAIT_DAYS, p.waitDays() == 0 ? "no wait days" : p.waitDays() + (p.waitDays() == 1 ? " wait day" : " wait days") + " after release have passed");

            LocalDate day = timing.dayOf(now);
            if (timing.blockedDay(now)) {
                LocalDate open = day.plusDays(1);
                while (p.blockedDays().contains(open.getDayOfWeek()) && open.isBefore(day.plusDays(8))) {
                    open = open.plusDays(1);
                }
                Instant until = p.blockedDays().size() == 7 ? null : p.window().on(open, p.timeZone()).from();
                return waitFor(Checks.BLOCKED_WEEKDAY, dayName(day) + " is a blocked weekday (blocked-days="
                        + PolicyCodec.get(p, "blocked-days") + ")", until);
            }
            pass(Checks.BLOCKED_WEEKDAY, dayName(day) + " is not blocked");

            Optional<TimeRange> quiet = timing.quietSpanAt(now);
            if (quiet.isPresent()) {
                Instant ends = quiet.get().to();
                return waitFor(Checks.BLACKOUT, quietReason() + "; installing allowed again from "
                        + SiteTimes.show(ends, p.timeZone()) + zone, ends);
            }
            pass(Checks.BLACKOUT, "no blackout or billing run now");

            if (!timing.inWindow(now)) {
                Instant opens = p.window().nextOpeningAfter(now, p.timeZone());
                return waitFor(Checks.INSTALL_WINDOW, "outside the install window " + p.window() + zone + "; opens "
                        + SiteTimes.show(opens, p.timeZone()), opens);
            }
            pass(Checks.INSTALL_WINDOW, "inside the install window " + p.window() + zone);
            return null;
        }

        private String quietReason() {
            for (Blackout b : p.blackouts()) {
                if (b.in(p.timeZone()).contains(now)) {
                    return "inside the blackout " + SiteTimes.show(b.from()) + " to " + SiteTimes.show(b.to()) + zone;
                }
            }
            for (LocalDateTime run : p.billingRuns()) {
                Instant at = SiteTimes.at(run, p.timeZone());
                if (!now.isBefore(at.minus(p.billingMargin())) && now.isBefore(at.plus(p.billingMargin()))) {
                    return "within " + p.billingMargin().toHours() + " h of the billing run " + SiteTimes.show(run) + zone;
                }
            }
            return "inside a blackout"; // unreachable: quietSpanAt found one of the above
        }

        private Decision scheduled() {
            Instant at = f.scheduledAt();
            if (at == null) {
                rows.add(row(Checks.INSTALL_MODE, CheckOutcome.WAIT,
                        "scheduled mode: no time set for this patch; an operator sets one (agent schedule)"));
                return new Decision(Verdict.WAIT, last(), null, operator(Checks.INSTALL_MODE), false, rows);
            }
            if (now.isBefore(at)) {
                rows.add(row(Checks.INSTALL_MODE, CheckOutcome.WAIT,
                        "scheduled for " + SiteTimes.show(at, p.timeZone()) + zone));
                return new Decision(Verdict.SCHEDULED, last(), at, searchFrom(at), false, rows);
            }
            pass(Checks.INSTALL_MODE, "scheduled time " + SiteTimes.show(at, p.timeZone()) + " reached");
            return installNow();
        }

        private Decision waitFor(String check, String reason, Instant until) {
            rows.add(row(check, CheckOutcome.WAIT, reason));
            return new Decision(Verdict.WAIT, reason, until, chance(), false, rows);
        }

        /** When this patch could install by time alone, given the mode; "operator" if a person must act. */
        private InstallChance chance() {
            return switch (mode()) {
                case AUTOMATIC -> searchFrom(now);
                case SCHEDULED -> f.scheduledAt() == null ? operator(Checks.INSTALL_MODE)
                        : searchFrom(f.scheduledAt().isAfter(now) ? f.scheduledAt() : now);
                case MANUAL -> operator(Checks.INSTALL_MODE);
            };
        }

        /**
         * The first instant at or after {@code from} every timing rule allows. When {@code from} itself is
         * allowed, what decides it is the operator's scheduled time (the only later start) or nothing.
         */
        private InstallChance searchFrom(Instant from) {
            InstallOpening o = timing.nextOpening(from, m.released());
            String rule = o.decidedBy() != null ? Checks.of(o.decidedBy())
                    : from.equals(now) ? null : Checks.INSTALL_MODE;
            return o.never() ? InstallChance.never(rule, p.timeZone()) : InstallChance.at(o.at(), rule, p.timeZone());
        }

        /**
         * The site's mode, as an operator's act on this patch changes it for a tick: a postponed patch waits for an
         * operator (manual), one given a time installs at it (scheduled). An operator's own install skips the mode.
         */
        private InstallMode mode() {
            if (f.trigger() == Trigger.TICK && f.postponed()) {
                return InstallMode.MANUAL;
            }
            if (f.trigger() == Trigger.TICK && f.scheduledAt() != null) {
                return InstallMode.SCHEDULED;
            }
            return p.mode();
        }

        /** The pulled row's reason: the site's people read the vendor's when and why, when the notice gave them. */
        private String pulledReason() {
            PatchFacts.Pull pull = f.pull();
            if (pull.at() == null || pull.reason() == null) {
                return "the release " + m.title() + " was pulled; it will not install";
            }
            return "the release " + m.title() + " was pulled by the vendor on " + pull.at() + ": " + pull.reason()
                    + "; it will not install";
        }

        private InstallChance operator(String check) {
            return InstallChance.operator(check, p.timeZone());
        }

        private Decision installNow() {
            return new Decision(Verdict.INSTALL_NOW, "every check passed: installing now", null,
                    InstallChance.at(now, null, p.timeZone()), false, rows);
        }

        private Decision end(Verdict verdict, CheckOutcome outcome, String check, String reason) {
            rows.add(row(check, outcome, reason));
            return new Decision(verdict, reason, null, null, false, rows);
        }

        private void pass(String check, String reason) {
            rows.add(row(check, CheckOutcome.PASS, reason));
        }

        private CheckRow row(String check, CheckOutcome outcome, String reason) {
            return new CheckRow(check, outcome, reason, now);
        }

        private String last() {
            return rows.get(rows.size() - 1).reason();
        }

        private static String dayName(LocalDate d) {
            return d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        }
    }
}
