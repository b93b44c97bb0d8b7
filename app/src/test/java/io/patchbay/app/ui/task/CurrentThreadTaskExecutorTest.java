package io.patchbay.app.ui.task;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CurrentThreadTaskExecutorTest {
    private final CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
    private final List<String> events = new ArrayList<>();

    @Test
    void successRunsTheSuccessHandlerThenFinished() {
        BackgroundTask.of("Count", context -> {
                    context.updateProgress(3, 4);
                    context.updateMessage("almost");
                    return 42;
                })
                .onSuccess(value -> events.add("success " + value))
                .onFailure(failure -> events.add("failure"))
                .onFinished(() -> events.add("finished"))
                .executeWith(executor);

        assertEquals(List.of("success 42", "finished"), events);
        assertEquals(0.75, executor.lastProgress());
        assertEquals("almost", executor.lastMessage());
    }

    @Test
    void failureRunsTheFailureHandlerWithWhatWasThrown() {
        BackgroundTask.ofVoid("Read", context -> {
                    throw new IOException("disk gone");
                })
                .onSuccess(value -> events.add("success"))
                .onFailure(failure -> events.add("failure " + failure.getMessage()))
                .onFinished(() -> events.add("finished"))
                .executeWith(executor);

        assertEquals(List.of("failure disk gone", "finished"), events);
    }
}
