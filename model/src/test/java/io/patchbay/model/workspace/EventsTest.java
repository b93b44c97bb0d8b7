package io.patchbay.model.workspace;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@OnEachDatabase
class EventsTest extends WorkspaceTestSupport {
    EventsTest() {
        super(Instant.parse("2026-11-22T10:00:00Z"));
    }

    @Test
    void eventsAreFoundByKindFamilySubjectAndTime() {
        Events log = ws.events();
        log.append("alice", "site.tested", "alpha", "host key SHA256:abc");
        clock.advance(Duration.ofHours(1));
        log.append("bob", "site.tested", "beta", null);
        clock.advance(Duration.ofHours(1));
        log.append("carol", "release.noted", "Spruce 12.10.11", "50% done");

        assertEquals(List.of("carol", "bob", "alice"), actors(log.find(EventQuery.all())));
        assertEquals(List.of("bob", "alice"), actors(log.find(EventQuery.all().kind("site.tested"))));
        assertEquals(List.of("bob", "alice"), actors(log.find(EventQuery.all().kind("site."))));
        assertEquals(List.of(), actors(log.find(EventQuery.all().kind("site"))));
        assertEquals(List.of("bob"), actors(log.find(EventQuery.all().subject("bet"))));
        assertEquals(List.of("carol"), actors(log.find(EventQuery.all().subject("12.10.1").kind("release.noted"))));
        assertEquals(List.of(), actors(log.find(EventQuery.all().subject("12.10_"))), "'_' is a character, not a wildcard");
        Instant start = Instant.parse("2026-11-22T10:30:00Z");
        assertEquals(List.of("bob"), actors(log.find(EventQuery.all().between(start, start.plus(Duration.ofHours(1))))));
        assertEquals(List.of("carol"), actors(log.find(EventQuery.all().limit(1))));
        long bobs = log.find(EventQuery.all().subject("beta")).get(0).id();
        assertEquals(List.of("carol"), actors(log.find(EventQuery.all().after(bobs))));
    }

    @Test
    void theLogOffersNoWayToChangeOrDeleteAnEvent() {
        List<String> publicMethods = Arrays.stream(Events.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()))
                .map(Method::getName).sorted().toList();
        assertEquals(List.of("append", "find"), publicMethods);
    }

    private static List<String> actors(List<Event> events) {
        return events.stream().map(Event::actor).toList();
    }
}
