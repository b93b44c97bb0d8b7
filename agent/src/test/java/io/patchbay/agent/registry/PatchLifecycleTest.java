package io.patchbay.agent.registry;

import io.patchbay.model.kit.Manifest;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;
import io.patchbay.model.report.PatchState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The patch lifecycle table, applied through the real registry store on disk. */
class PatchLifecycleTest {
    private static final Instant AT = Instant.parse("2026-11-23T09:00:00Z");
    private static final Manifest SPRUCE = new Manifest("Spruce", Version.parse("12.10.11"), Version.parse("12.10.0"),
            Channel.STABLE, true, false, AT, false, List.of());

    @TempDir
    Path dir;

    @Test
    void everyRowOfTheTableIsWrittenToDiskByTheStore() {
        for (PatchLifecycle.Transition row : PatchLifecycle.TABLE) {
            if (row.from() == null || row.to() == PatchState.SITE_FAILURE) {
                continue; // arrivals: covered below
            }
            RegistryStore store = storeWith(patch(row.from()), row.toString());
            store.transition(row.event(), r -> r.replace("p", p -> p.withState(row.to(), "moved", null, AT)));
            assertEquals(row.to(), store.read().require("p").state(), row.toString());
        }
    }

    @Test
    void aKitArrivesAsReceivedOrRefusedAndNothingElse() {
        RegistryStore store = new RegistryStore(dir);
        store.transition(PatchEvent.REGISTERED, r -> r.with(PatchRecord.received("a", "a.kit", "1", SPRUCE, "patches/a", AT)));
        store.transition(PatchEvent.REFUSED_ON_RECEIPT, r -> r.with(PatchRecord.rejected("b", "b.kit", "2", "bad signature", AT)));
        assertEquals(List.of(PatchState.RECEIVED, PatchState.REJECTED),
                store.read().patches().stream().map(PatchRecord::state).toList());

        IllegalTransition e = assertThrows(IllegalTransition.class, () -> store.transition(PatchEvent.REGISTERED,
                r -> r.with(patch(PatchState.INSTALLED))));
        assertEquals("Spruce 12.10.11: no transition from not registered to installed on \"registered\"", e.getMessage());
    }

    @Test
    void anIllegalTransitionIsRefusedWithItsStatesAndWritesNothing() throws Exception {
        RegistryStore store = storeWith(patch(PatchState.INSTALLING), "installing");
        byte[] before = Files.readAllBytes(dir.resolve("installing/registry.json"));

        IllegalTransition e = assertThrows(IllegalTransition.class, () -> store.transition(PatchEvent.INSTALL_STARTED,
                r -> r.replace("p", p -> p.withState(PatchState.INSTALLING, "installing again", null, AT.plusSeconds(1)))));

        assertEquals("Spruce 12.10.11: no transition from installing to installing on \"install started\"",
                e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("installing/registry.json")));
    }

    @Test
    void illegalMovesOfTheLifeAreRefused() {
        record Move(PatchState from, PatchEvent event, PatchState to) { }
        for (Move m : List.of(
                new Move(PatchState.PULLED, PatchEvent.DECIDED, PatchState.WAITING),     // a pull is never withdrawn
                new Move(PatchState.PULLED, PatchEvent.INSTALL_STARTED, PatchState.INSTALLING),
                new Move(PatchState.INSTALLING, PatchEvent.DECIDED, PatchState.WAITING), // a tick never decides it
                new Move(PatchState.INSTALLED, PatchEvent.DECIDED, PatchState.WAITING),
                new Move(PatchState.UP_TO_DATE, PatchEvent.INSTALL_STARTED, PatchState.INSTALLING),
                new Move(PatchState.WAITING, PatchEvent.INSTALL_ENDED, PatchState.INSTALLED), // never without installing
                new Move(PatchState.WAITING, PatchEvent.DECIDED, PatchState.INSTALLED),
                new Move(PatchState.ROLLED_BACK, PatchEvent.DECIDED, PatchState.WAITING), // retried by an operator only
                new Move(PatchState.FAILED, PatchEvent.INSTALL_INTERRUPTED, PatchState.WAITING))) {
            RegistryStore store = storeWith(patch(m.from()), m.toString());
            assertThrows(IllegalTransition.class, () -> store.transition(m.event(),
                    r -> r.replace("p", p -> p.withState(m.to(), "moved", null, AT))), m.toString());
            assertEquals(m.from(), store.read().require("p").state(), m.toString());
        }
    }

    @Test
    void aRefusedKitOrDeltaNeverChangesAgainWhileOneRefusedByADecisionIsDecidedAgain() {
        RegistryStore store = new RegistryStore(dir);
        store.transition(PatchEvent.REFUSED_ON_RECEIPT, r -> r.with(PatchRecord.rejected("b", "b.kit", "2", "bad", AT)));
        IllegalTransition e = assertThrows(IllegalTransition.class, () -> store.transition(PatchEvent.DECIDED,
                r -> r.replace("b", p -> p.withState(PatchState.WAITING, "?", null, AT))));
        assertTrue(e.getMessage().endsWith("(a refused kit is final)"), e.getMessage());

        RegistryStore delta = storeWith(patch(PatchState.INSTALLING), "delta");
        delta.transition(PatchEvent.DELTA_REFUSED, r -> r.replace("p", p -> p.withDeltaRefused(
                "needs the full kit: payload/app.jar: the installed file is missing", AT)));
        PatchRecord refused = delta.read().require("p");
        assertEquals(List.of(PatchState.REJECTED, "Spruce 12.10.11", false), List.of(refused.state(), refused.title(),
                refused.waiting()));
        IllegalTransition again = assertThrows(IllegalTransition.class, () -> delta.transition(PatchEvent.DECIDED,
                r -> r.replace("p", p -> p.withState(PatchState.WAITING, "?", null, AT))));
        assertTrue(again.getMessage().endsWith("(a refused kit is final)"), again.getMessage());

        RegistryStore decided = storeWith(patch(PatchState.REJECTED), "decided");
        decided.transition(PatchEvent.DECIDED, r -> r.replace("p", p -> p.withState(PatchState.WAITING, "ok", null, AT)));
        assertEquals(PatchState.WAITING, decided.read().require("p").state());
    }

    @Test
    void aStateChangeWithoutItsEventIsRefusedWhileOtherChangesPass() {
        RegistryStore store = storeWith(patch(PatchState.WAITING), "plain");
        assertThrows(IllegalStateException.class, () -> store.update(
                r -> r.replace("p", p -> p.withState(PatchState.INSTALLING, "sneaked", null, AT))));
        assertThrows(IllegalStateException.class, () -> store.update(
                r -> r.with(PatchRecord.received("q", "q.kit", "9", SPRUCE, "patches/q", AT))));
        store.update(r -> r.replace("p", p -> p.withSchedule(AT.plusSeconds(3600), false, AT)).withProduct("Oak"));
        assertEquals(PatchState.WAITING, store.read().require("p").state());
        assertEquals(AT.plusSeconds(3600), store.read().require("p").scheduledAt());
    }

    @Test
    void everyStoredStateIsReachableFromAnArrivalAndOnlyFinalStatesHaveNoWayOut() {
        Set<PatchState> reached = EnumSet.noneOf(PatchState.class);
        Deque<PatchState> todo = new ArrayDeque<>();
        PatchLifecycle.TABLE.stream().filter(t -> t.from() == null).forEach(t -> todo.add(t.to()));
        while (!todo.isEmpty()) {
            PatchState s = todo.pop();
            if (reached.add(s)) {
                PatchLifecycle.TABLE.stream().filter(t -> t.from() == s).forEach(t -> todo.add(t.to()));
            }
        }
        assertEquals(EnumSet.allOf(PatchState.class), reached);

        Set<PatchState> noWayOut = EnumSet.allOf(PatchState.class);
        PatchLifecycle.TABLE.stream().filter(t -> t.from() != null && t.to() != t.from())
                .forEach(t -> noWayOut.remove(t.from()));
        // Up to date stays; site failure is never stored (its kit arrives again from the inbox).
        assertEquals(EnumSet.of(PatchState.UP_TO_DATE, PatchState.SITE_FAILURE), noWayOut);
    }

    @Test
    void installingIsLeftOnlyByAnOutcomeBackToWaitingOrADeltaRefused() {
        Set<PatchState> out = EnumSet.noneOf(PatchState.class);
        PatchLifecycle.TABLE.stream().filter(t -> t.from() == PatchState.INSTALLING).forEach(t -> out.add(t.to()));
        assertEquals(EnumSet.of(PatchState.INSTALLED, PatchState.ROLLED_BACK, PatchState.FAILED, PatchState.WAITING,
                PatchState.REJECTED), out);
        assertTrue(PatchLifecycle.allows(PatchState.INSTALLING, PatchEvent.DELTA_REFUSED, PatchState.REJECTED));
        assertFalse(PatchLifecycle.allows(PatchState.INSTALLING, PatchEvent.INSTALL_NOT_STARTED, PatchState.REJECTED));
        assertFalse(PatchLifecycle.allows(PatchState.INSTALLING, PatchEvent.INSTALL_ENDED, PatchState.WAITING));
    }

    /** A store in its own folder holding one patch {@code p} of Spruce 12.10.11 in {@code state}. */
    private RegistryStore storeWith(PatchRecord p, String folder) {
        Path patches = dir.resolve(folder.replaceAll("[^A-Za-z0-9_]", "_"));
        try {
            Files.createDirectories(patches);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        RegistryStore store = new RegistryStore(patches);
        store.transition(PatchEvent.REGISTERED, r -> r.with(PatchRecord.received("p", "p.kit", "1", SPRUCE, "patches/p", AT)));
        if (p.state() != PatchState.RECEIVED) {
            // Set up past the table: a registry as an earlier life left it.
            try {
                Files.write(patches.resolve("registry.json"), io.patchbay.model.json.Json.mapper()
                        .writeValueAsBytes(Registry.empty().with(p)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return store;
    }

    private static PatchRecord patch(PatchState state) {
        return PatchRecord.received("p", "p.kit", "1", SPRUCE, "patches/p", AT).withState(state, state.word(), null, AT);
    }
}
