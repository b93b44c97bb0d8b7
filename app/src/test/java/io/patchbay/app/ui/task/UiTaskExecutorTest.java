package io.patchbay.app.ui.task;

import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UiTaskExecutorTest {
    private final UiTaskExecutor executor = new UiTaskExecutor(1);
    private final List<String> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void stop() {
        executor.shutdown();
    }

    @Test
    void workRunsOffTheFxThreadAndCallbacksOnIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        BackgroundTask.of("Slow", context -> {
                    events.add("work on fx thread: " + Platform.isFxApplicationThread());
                    release.await(5, TimeUnit.SECONDS);
                    return "done";
                })
                .onSuccess(value -> events.add(value + " on fx thread: " + Platform.isFxApplicationThread()))
                .executeWith(executor);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, executor.runningTasks().size());
        assertEquals("Slow", WaitForAsyncUtils.asyncFx(() -> executor.runningTasks().get(0).getTitle()).get());

        release.countDown();
        waitUntil(() -> events.size() == 2);

        assertEquals(List.of("work on fx thread: false", "done on fx thread: true"), events);
        assertEquals(0, executor.runningTasks().size());
    }

    @Test
    void cancelStopsTheWorkAndRunsOnCancelled() throws Exception {
        TaskHandle handle = BackgroundTask.ofVoid("Endless", context -> {
                    while (!context.isCancelled()) {
                        Thread.sleep(5);
                    }
                })
                .onSuccess(value -> events.add("success"))
                .onCancelled(() -> events.add("cancelled"))
                .executeWith(executor);
        WaitForAsyncUtils.waitForFxEvents();

        handle.cancel();
        waitUntil(() -> !events.isEmpty());

        assertEquals(List.of("cancelled"), events);
        assertTrue(handle.isDone());
    }

    @Test
    void workHandedOverAfterShutdownEndsAsCancelledInsteadOfThrowing() throws Exception {
        executor.shutdown();

        TaskHandle handle = BackgroundTask.of("Render release notes", context -> "never")
                .onSuccess(value -> events.add("success"))
                .onCancelled(() -> events.add("cancelled"))
                .executeWith(executor);
        waitUntil(() -> !events.isEmpty());

        assertEquals(List.of("cancelled"), events);
        assertTrue(handle.isDone());
        assertEquals(0, executor.runningTasks().size());
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.getAsBoolean();
        });
    }
}
