package io.patchbay.agent.install;

import io.patchbay.model.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Named points inside an installation ("APPLY", "apply:aside:3", "rollback:restored:2"...). Production
 * passes them by; the crash tests set the system property {@value #PAUSE_AT} to one of them, so the
 * one-shot child process stops there and announces it, and the test kills it with kill -9.
 */
interface StepProbe {
    String PAUSE_AT = "patchbay.install.pauseAt";
    String PAUSED_FILE = "paused-at";

    void reached(String point);

    /** The probe for this process: pauses at the point named by the system property, if any. */
    static StepProbe fromSystemProperties(AgentHomeLayout layout) {
        String pauseAt = System.getProperty(PAUSE_AT);
        if (pauseAt == null || pauseAt.isBlank()) {
            return point -> { };
        }
        return point -> {
            if (!point.equals(pauseAt)) {
                return;
            }
            Path marker = layout.installDir().resolve(PAUSED_FILE);
            try {
                AtomicFiles.write(marker, point.getBytes(StandardCharsets.UTF_8));
                while (true) {
                    Thread.sleep(60_000); // until the test kills this process
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot announce the pause at " + point, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }
}
