package io.patchbay.agent.install;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.InPlaceStamps;
import io.patchbay.model.report.PatchState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Installs a staged release on this site, crash-safe: the steps follow {@link InstallTransitions}, the
 * journal is persisted before each one, and any failure restores the old state byte for byte.
 * {@link #recover()} (at every start-up) finishes or undoes what a killed process left, so the site ends
 * in exactly the old or exactly the new state. Holds the site's {@link InstallLock} while it works.
 */
public final class Installer {
    private static final Logger LOG = LoggerFactory.getLogger(Installer.class);

    private final AgentHomeLayout layout;
    private final InstallSettings settings;
    private final JournalStore store;
    private final StepProbe probe;

    public Installer(Path agentHome, InstallSettings settings) {
        this.layout = new AgentHomeLayout(agentHome);
        this.settings = settings;
        this.store = new JournalStore(layout);
        this.probe = StepProbe.fromSystemProperties(layout);
    }

    public Installer(Path agentHome) {
        this(agentHome, InstallSettings.defaults());
    }

    /**
     * Installs {@code request}; returns INSTALLED, ROLLED_BACK (with the reason) or FAILED (the rollback
     * did not finish). Refuses with a {@link PatchbayException}, before touching anything, when another
     * installation holds the lock or an earlier one is unfinished and needs {@link #recover()} first.
     */
    public InstallOutcome install(InstallRequest request) {
        try (InstallLock lock = InstallLock.acquire(layout.home(), settings.lockWait(),
                "install " + request.manifest().title())) {
            Optional<Journal> unfinished = store.load();
            if (unfinished.isPresent()) {
                Journal j = unfinished.get();
                throw new PatchbayException("an earlier installation of " + j.product() + " " + j.version()
                        + " is unfinished (" + j.state() + "): recover it first");
            }
            Journal journal = new Journal(Journal.SCHEMA, nextId(), InstallState.STAGED.name(),
                    InstallState.STAGED.name(), request.manifest().product(), request.manifest().version().toString(),
                    request.installRoot().toString(), request.dataRoot() == null ? null : request.dataRoot().toString(),
                    request.staging().toString(), request.kit() == null ? null : request.kit().toString(),
                    request.manifest().backupData(), request.hookTimeout().toMillis(),
                    null, 0, settings.clock().instant(), null, null);
            return run(journal, InstallState.STAGED, request.manifest().remove(), false);
        }
    }

    /**
     * Finishes the installation a dead process left, if any: before the commit it is rolled back to
     * exactly the old state, after it the new state is completed. Empty when there was nothing to do.
     * After {@link InstallSettings#maxRecoveries()} start-ups on the same journal it stops and reports
     * FAILED; so does a FAILED journal until {@link #acknowledgeFailure()}.
     */
    public Optional<InstallOutcome> recover() {
        try (InstallLock lock = InstallLock.acquire(layout.home(), settings.lockWait(), "recover")) {
            Optional<Journal> found = store.load();
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Journal journal = found.get().recoveredOnceMore();
            store.save(journal); // the loop counter must count this attempt even if it dies too
            InstallState from = journal.currentState();
            InstallEvent event = journal.recoveries() > settings.maxRecoveries() ? InstallEvent.GAVE_UP
                    : InstallEvent.RESUMED;
            InstallState next = InstallTransitions.next(from, event);
            if (journal.reason() == null && next == InstallState.ROLLBACK) {
                journal = journal.withReason("the agent stopped during " + journal.reachedStep());
            } else if (event == InstallEvent.GAVE_UP && from != InstallState.FAILED) {
                journal = journal.withReason("recovery failed " + settings.maxRecoveries() + " times during "
                        + (from == null ? journal.state() : from.step()) + "; a person must check the install root"
                        + (journal.reason() == null ? "" : " (" + journal.reason() + ")"));
            }
            LOG.info("recovering installation {} of {} {} from {}", journal.id(), journal.product(),
                    journal.version(), journal.state());
            return Optional.of(run(journal, next, List.of(), true));
        }
    }

    /** Clears a FAILED installation after a person has put the site right, so installs may run again. */
    public void acknowledgeFailure() {
        try (InstallLock lock = InstallLock.acquire(layout.home(), settings.lockWait(), "acknowledge failure")) {
            store.load().filter(j -> InstallState.FAILED.name().equals(j.state())).ifPresent(store::archive);
        }
    }

    private InstallOutcome run(Journal start, InstallState first, List<String> remove, boolean recovered) {
        Journal journal = start;
        InstallState state = first;
        ExecutorService pool = Executors.newFixedThreadPool(settings.applyThreads(), r -> {
            Thread t = new Thread(r, "install-apply");
            t.setDaemon(true);
            return t;
        });
        try {
            while (!state.isOutcome()) {
                journal = journal.at(state);
                store.save(journal); // persisted before the step: a crash inside it resumes from here
                probe.reached(state.name());
                InstallEvent event;
                long stepStart = System.nanoTime();
                try {
                    journal = perform(state, journal, remove, pool);
                    LOG.debug("installation {}: {} took {} ms", journal.id(), state.step(),
                            (System.nanoTime() - stepStart) / 1_000_000);
                    event = InstallEvent.DONE;
                } catch (Exception e) {
                    String why = describe(state, e);
                    if (e instanceof PatchbayException) {
                        LOG.warn("installation {} failed in {}: {}", journal.id(), state.step(), why);
                    } else {
                        LOG.warn("installation {} failed in {}: {}", journal.id(), state.step(), why, e);
                    }
                    journal = journal.withReason(journal.reason() == null || state != InstallState.ROLLBACK ? why
                            : journal.reason() + "; the rollback failed too: " + why);
                    event = InstallEvent.FAILED;
                }
                state = InstallTransitions.next(state, event);
            }
            journal = journal.at(state);
            store.save(journal);
            if (state != InstallState.FAILED) {
                store.archive(journal); // a FAILED journal stays: installs are refused until a person acts
            }
            if (state == InstallState.INSTALLED) {
                pruneBackups(journal.id());
            }
        } finally {
            pool.shutdownNow();
        }
        return new InstallOutcome(journal.id(), journal.product(), journal.version(), outcomeOf(state),
                journal.reachedStep(), journal.reason(), recovered, journal.startedAt(), settings.clock().instant());
    }

    private Journal perform(InstallState state, Journal journal, List<String> remove, ExecutorService pool)
            throws IOException {
        InstallContext context = InstallContext.of(journal);
        HookRunner hooks = new HookRunner(context, layout.logs(), journal.id());
        Backups backups = new Backups(context, layout, journal.id());
        switch (state) {
            case STAGED -> checkStaged(context, journal);
            case PRE_INSTALL -> hooks.runIfPresent("pre-install");
            case BACKUP -> {
                Plan plan = Plan.of(context, remove);
                journal = journal.withPlan(plan.entries(), plan.createdDirs());
                store.save(journal); // the plan is on disk before the first file is touched
                probe.reached("backup:planned");
                if (journal.backupData()) {
                    backups.copyDataRoot();
                }
            }
            case APPLY -> {
                // A delta left the files it did not change in place, checked minutes ago: one changed since then stops
                // the install here, before a file moves, rather than install the release around it.
                InPlaceStamps.recheck(context.staging(), context.installRoot());
                applier(context, journal, pool).apply();
            }
            case INSTALL_HOOK -> hooks.runIfPresent("install");
            case VERIFY_HOOK -> hooks.runIfPresent("verify");
            case POST_BACKUP -> new PostInstallBackup(context, layout, journal.id()).take(plan(journal), probe, pool);
            case COMMIT -> {
                // Nothing to do: persisting this state was the commit.
            }
            case CLEANUP -> {
                if (journal.plan() != null) {
                    for (PlanEntry e : journal.plan()) {
                        Files.deleteIfExists(Applier.newFileFor(Plan.target(context, e)));
                    }
                }
                try {
                    hooks.runIfPresent("post-install");
                } catch (PatchbayException e) {
                    // After the commit nothing is undone; the reason tells the site what did not happen.
                    journal = journal.withReason("installed, but " + e.getMessage());
                }
            }
            case ROLLBACK -> {
                if (journal.plan() != null) {
                    applier(context, journal, pool).undo();
                    backups.restoreDataRoot();
                }
                // The marker goes first: a half-deleted copy must never be taken for a whole one.
                Files.deleteIfExists(layout.dataRootCopyComplete(journal.id()));
                FileOps.deleteTree(layout.backup(journal.id()));
            }
            default -> throw new IllegalStateException("no work for " + state);
        }
        return journal;
    }

    private static void checkStaged(InstallContext context, Journal journal) {
        if (!Files.isDirectory(context.staging())) {
            throw new PatchbayException("the staging folder " + context.staging() + " does not exist");
        }
        if (!Files.isDirectory(context.installRoot())) {
            throw new PatchbayException("the install root " + context.installRoot() + " does not exist");
        }
        if (journal.backupData() && (context.dataRoot() == null || !Files.isDirectory(context.dataRoot()))) {
            throw new PatchbayException("the kit asks for a data backup but this site has no data root folder");
        }
    }

    private Applier applier(InstallContext context, Journal journal, ExecutorService pool) {
        return new Applier(context, layout, journal.id(), plan(journal), probe, pool);
    }

    private static Plan plan(Journal journal) {
        return new Plan(journal.plan() == null ? List.of() : journal.plan(),
                journal.createdDirs() == null ? List.of() : journal.createdDirs());
    }

    private static PatchState outcomeOf(InstallState state) {
        return switch (state) {
            case INSTALLED -> PatchState.INSTALLED;
            case ROLLED_BACK -> PatchState.ROLLED_BACK;
            default -> PatchState.FAILED;
        };
    }

    private static String describe(InstallState state, Exception e) {
        if (e instanceof PatchbayException) {
            return e.getMessage();
        }
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        return state.step() + " failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /**
     * Deletes the backups of all but the latest {@link InstallSettings#keptBackups()} installations (a rolled
     * back one leaves none). A failure here loses nothing the site needs, so it is logged, not raised.
     */
    private void pruneBackups(long current) {
        try {
            List<Long> ids = attemptIds(layout.backups()).stream().filter(id -> id != current)
                    .sorted(java.util.Comparator.reverseOrder()).toList();
            for (long old : ids.subList(Math.min(ids.size(), settings.keptBackups() - 1), ids.size())) {
                FileOps.deleteTree(layout.backup(old));
                LOG.info("deleted the backup of installation {} (the latest {} are kept)", old, settings.keptBackups());
            }
        } catch (IOException e) {
            LOG.warn("could not delete old backups in {}: {}", layout.backups(), e.toString());
        }
    }

    /** One more than the highest attempt number seen in the history or the backups. */
    private long nextId() {
        try {
            long max = 0;
            for (Path dir : List.of(layout.history(), layout.backups())) {
                max = Math.max(max, attemptIds(dir).stream().mapToLong(Long::longValue).max().orElse(0));
            }
            return max + 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The attempt numbers named in a folder ({@code history/<n>.json}, {@code backups/<n>}); none if it is missing. */
    private static List<Long> attemptIds(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.map(p -> p.getFileName().toString().replace(".json", ""))
                    .filter(name -> name.matches("\\d{1,18}")).map(Long::parseLong).toList();
        }
    }
}
