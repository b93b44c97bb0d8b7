package io.patchbay.agent.install;

import io.patchbay.model.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Named points inside an installation ("APPLY", "apply:aside:3", "rollback:restored:2"...) or a self-upgrade
 * ("SWAPPING", "swap:in:bin"...). Production passes them by; the crash tests set a system property ({@value #PAUSE_AT}
 * for an installation) to one of them, so the one-shot process stops there and announces it in a marker file, and
 * the test kills it with kill -9.
 */
public interface StepProbe {
    String PAUSE_AT = "patchbay.install.pauseAt";
    String PAUSED_FILE = "paused-at";

    void reached(String point);

    /** The probe for this installation process: pauses at the point named by {@value #PAUSE_AT}, if any. */
    static StepProbe fromSystemProperties(AgentHomeLayout layout) {
        return fromSystemProperty(PAUSE_AT, layout.installDir().resolve(PAUSED_FILE));
    }

    /**
     * Pauses this process for good at the point the system property {@code property} names, once {@code marker} says
     * which; passes every point by when the property is not set.
     */
    static StepProbe fromSystemProperty(String property, Path marker) {
        return pausingAt(System.getProperty(property), marker);
    }

    /** Pauses this process for good at {@code pauseAt}, once {@code marker} says so; null or blank: never. */
    static StepProbe pausingAt(String pauseAt, Path marker) {
        if (pauseAt == null || pauseAt.isBlank()) {
            return point -> { };
        }
        return point -> {
            if (!point.equals(pauseAt)) {
                return;
            }
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
