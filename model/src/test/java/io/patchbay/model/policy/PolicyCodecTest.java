package io.patchbay.model.policy;

import io.patchbay.model.PatchbayException;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyCodecTest {
    static final SitePolicy DEFAULTS = SitePolicy.defaults(ZoneId.of("UTC"));

    @Test
    void setsEveryKeyFromTheCommandLineForm() {
        SitePolicy p = PolicyCodec.apply(DEFAULTS, List.of(
                "mode=scheduled", "wait-days=3", "window=23:00-05:30", "time-zone=Europe/Paris",
                "blocked-days=fri,SAT,sunday", "blackout=2026-12-01T00:00/2026-12-02T00:00",
                "billing-runs=2026-12-01T02:00,2027-01-01T02:00", "billing-margin-hours=12", "support-hold=true",
                "allow-major=true", "precondition=/opt/spruce/bin/no-suspended --strict", "precondition-bypass=true"));
        assertEquals(InstallMode.SCHEDULED, p.mode());
        assertEquals(3, p.waitDays());
        assertEquals(new InstallWindow(LocalTime.of(23, 0), LocalTime.of(5, 30)), p.window());
        assertEquals(ZoneId.of("Europe/Paris"), p.timeZone());
        assertEquals(EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), p.blockedDays());
        assertEquals(List.of(Blackout.parse("2026-12-01T00:00/2026-12-02T00:00")), p.blackouts());
        assertEquals(List.of(LocalDateTime.parse("2026-12-01T02:00"), LocalDateTime.parse("2027-01-01T02:00")), p.billingRuns());
        assertEquals(Duration.ofHours(12), p.billingMargin());
        assertTrue(p.supportHold());
        assertTrue(p.allowMajor());
        assertEquals("/opt/spruce/bin/no-suspended --strict", p.precondition());
        assertTrue(p.preconditionBypass());
    }

    @Test
    void getsEveryKeyInTheFormSetAccepts() {
        SitePolicy p = SitePolicy.spruceExample(ZoneId.of("Europe/Paris"));
        for (String key : PolicyCodec.keys()) {
            String value = PolicyCodec.get(p, key);
            assertEquals(p, PolicyCodec.set(p, key, value), key + "=" + value);
        }
        assertEquals("fri,sat,sun", PolicyCodec.get(p, "blocked-days"));
        assertEquals("22:00-07:00", PolicyCodec.get(p, "window"));
        assertEquals("none", PolicyCodec.get(p, "precondition"));
    }

    @Test
    void noneClearsAListAndThePrecondition() {
        SitePolicy p = PolicyCodec.apply(DEFAULTS, List.of("blocked-days=fri", "precondition=x", "window=any"));
        SitePolicy cleared = PolicyCodec.apply(p, List.of("blocked-days=none", "precondition=none"));
        assertTrue(cleared.blockedDays().isEmpty());
        assertNull(cleared.precondition());
        assertEquals(InstallWindow.ANY, p.window());
        assertEquals("any", PolicyCodec.get(p, "window"));
    }

    @Test
    void refusesABadValueInOneLineNamingTheKeyAndWhatItAllows() {
        assertEquals("policy key 'window': expected HH:MM-HH:MM such as 22:00-07:00, or any; got '25:00-07:00'",
                refusal("window=25:00-07:00"));
        assertEquals("policy key 'blocked-days': expected weekdays such as fri,sat,sun, or none; got 'fri,funday'",
                refusal("blocked-days=fri,funday"));
        assertEquals("policy key 'wait-days': expected a whole number of days, 0 to 400; got '-1'", refusal("wait-days=-1"));
        assertEquals("policy key 'mode': expected automatic, scheduled or manual; got 'sometimes'", refusal("mode=sometimes"));
        assertEquals("policy key 'time-zone': expected a zone id such as Europe/Paris or UTC; got 'Mars/Olympus'",
                refusal("time-zone=Mars/Olympus"));
        assertEquals("policy key 'support-hold': expected true or false; got 'yes'", refusal("support-hold=yes"));
        assertTrue(refusal("blackout=2026-12-02T00:00/2026-12-01T00:00").startsWith("policy key 'blackout': expected FROM/TO"));
        assertTrue(refusal("billing-runs=tomorrow").startsWith("policy key 'billing-runs': expected date-times"));
        assertEquals("expected key=value, such as window=22:00-07:00; got 'window'", refusal("window"));
        assertTrue(refusal("colour=red").startsWith("unknown policy key 'colour' (known: mode, wait-days, window,"));
    }

    @Test
    void aRefusedAssignmentLeavesThePolicyAsItWas() {
        SitePolicy before = DEFAULTS;
        assertThrows(PatchbayException.class, () -> PolicyCodec.apply(before, List.of("wait-days=5", "mode=bogus")));
        assertEquals(0, before.waitDays());
    }

    @Test
    void describeListsEveryKeyWithItsValueAndMeaning() {
        String text = SitePolicy.spruceExample(ZoneId.of("Europe/Paris")).describe();
        assertEquals(PolicyCodec.keys().size(), text.lines().count());
        assertTrue(text.contains("window                22:00-07:00  (daily from 22:00 until 07:00 the next day)"), text);
        assertTrue(text.contains("blocked-days          fri,sat,sun  (no window opens on these days)"), text);
        assertTrue(text.contains("time-zone             Europe/Paris"), text);
    }

    private static String refusal(String assignment) {
        return assertThrows(PatchbayException.class, () -> PolicyCodec.apply(DEFAULTS, List.of(assignment))).getMessage();
    }
}
