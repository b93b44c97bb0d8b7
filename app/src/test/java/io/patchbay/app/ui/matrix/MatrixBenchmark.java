package io.patchbay.app.ui.matrix;

import io.patchbay.app.ui.RecordingDialogService;
import io.patchbay.app.ui.demo.GeneratedMatrixSource;
import io.patchbay.app.ui.task.CurrentThreadTaskExecutor;
import io.patchbay.model.matrix.MatrixState;
import io.patchbay.styles.Theme;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Opens the matrix on 10,000 sites x 100 releases and measures (targets from issue 5):
 * time from creating the view model to the first pulse that laid out and rendered the window (< 1 s),
 * and time to apply a filter, including refilling the visible cells (< 50 ms). Prints medians.
 *
 * <pre>mvn -B -ntp -Pbench -pl app -am test -Dtest=MatrixBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@Tag("benchmark")
class MatrixBenchmark {
    private static final int SITES = 10_000;
    private static final int RELEASES = 100;
    private static final int OPENS = 7;

    @Test
    void openAndFilterTenThousandSitesByHundredReleases() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        double toolkitWarmUp = warmUpToolkit(stage);
        double clientWarmUp = warmUpAsTheClientDoes(stage);
        long generateStart = System.nanoTime();
        GeneratedMatrixSource source = new GeneratedMatrixSource(SITES, RELEASES, Instant.parse("2026-11-22T12:00:00Z"));
        long generateMs = (System.nanoTime() - generateStart) / 1_000_000;

        List<Double> firstPaint = new ArrayList<>();
        List<Double> modelBuild = new ArrayList<>();
        List<Double> layout = new ArrayList<>();
        List<Double> viewBuilt = new ArrayList<>();
        List<Double> openCpu = new ArrayList<>();
        for (int i = 0; i < OPENS; i++) {
            double[] times = openOnce(stage, source);
            modelBuild.add(times[0]);
            layout.add(times[1]);
            firstPaint.add(times[2]);
            viewBuilt.add(times[3]);
            openCpu.add(times[4]);
        }
        MatrixView view = (MatrixView) stage.getScene().getRoot();
        MatrixViewModel model = viewModel(view);

        List<Double> filter = new ArrayList<>();
        List<Double> filterCpu = new ArrayList<>();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        List<Runnable> filters = List.of(
                () -> model.searchTextProperty().set("bergen"),
                () -> model.searchTextProperty().set(""),
                () -> model.ringFilterProperty().set("pilot"),
                () -> model.ringFilterProperty().set(null),
                () -> model.stateFilterProperty().set(java.util.Set.of(MatrixState.FAILED)),
                () -> model.stateFilterProperty().set(java.util.Set.of()),
                () -> model.searchTextProperty().set("clinic 00"),
                () -> model.searchTextProperty().set(""));
        for (int round = 0; round < 4; round++) {
            for (Runnable apply : filters) {
                double[] times = onFx(() -> {
                    long cpu = threads.getCurrentThreadCpuTime();
                    long start = System.nanoTime();
                    apply.run();
                    return new double[]{(System.nanoTime() - start) / 1e6, (threads.getCurrentThreadCpuTime() - cpu) / 1e6};
                });
                filter.add(times[0]);
                filterCpu.add(times[1]);
            }
        }
        List<Double> scroll = new ArrayList<>();
        MatrixGrid grid = view.grid();
        for (int i = 0; i < 20; i++) {
            int row = (i * 487) % (SITES - 50);
            int column = (i * 7) % (RELEASES - 8);
            scroll.add(onFx(() -> {
                long start = System.nanoTime();
                grid.scrollTo(row, column);
                return (System.nanoTime() - start) / 1e6;
            }));
        }
        int nodes = onFx(grid::cellNodeCount);

        System.out.printf("MatrixBenchmark %,d sites x %d releases (%,d cells; generating the source took %d ms)%n",
                SITES, RELEASES, SITES * RELEASES, generateMs);
        System.out.printf("  load average at the end: %.1f on %d cores (wall times grow with it)%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("  toolkit warm-up (a window with a label, field and button, as any first window pays): %.0f ms%n",
                toolkitWarmUp);
        System.out.printf("  the client's matrix warm-up, behind 'Opening workspace' while the database opens: %.0f ms%n",
                clientWarmUp);
        System.out.printf("  open, cold (first matrix in this JVM): view model %.0f ms, view nodes %.0f ms, laid out %.0f ms,"
                + " first rendered pulse %.0f ms%n", modelBuild.get(0), viewBuilt.get(0), layout.get(0), firstPaint.get(0));
        List<Double> warmBuild = modelBuild.subList(1, OPENS);
        List<Double> warmLayout = layout.subList(1, OPENS);
        List<Double> warmPaint = firstPaint.subList(1, OPENS);
        System.out.printf("  open, warm (median of %d): view model %.0f ms, view nodes %.0f ms, laid out %.0f ms,"
                        + " first rendered pulse %.0f ms (min %.0f)  (target < 1000 ms)%n", OPENS - 1, median(warmBuild),
                median(viewBuilt.subList(1, OPENS)), median(warmLayout),
                median(warmPaint), min(warmPaint));
        System.out.printf("  open: FX-thread CPU from start to first rendered pulse: cold %.0f ms, warm median %.0f ms%n",
                openCpu.get(0), median(openCpu.subList(1, OPENS)));
        System.out.printf("  apply a filter (rows + visible cells): median %.2f ms wall, %.2f ms FX-thread CPU, max %.2f ms wall,"
                        + " over %d  (target < 50 ms)%n", median(filter), median(filterCpu),
                filter.stream().mapToDouble(d -> d).max().orElse(0), filter.size());
        System.out.printf("  jump-scroll (refill visible cells)     median %.2f ms over %d%n", median(scroll), scroll.size());
        System.out.printf("  cell nodes alive: %d%n", nodes);
    }

    /** Shows a plain window once, so the first open below measures the matrix, not JavaFX's own start-up. */
    private static double warmUpToolkit(Stage stage) throws Exception {
        CompletableFuture<Double> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            long start = System.nanoTime();
            Scene scene = new Scene(new javafx.scene.layout.VBox(new javafx.scene.control.Label("warm-up"),
                    new javafx.scene.control.TextField(), new javafx.scene.control.Button("OK")), 1280, 800);
            scene.getStylesheets().setAll(Theme.LIGHT.stylesheets());
            scene.addPostLayoutPulseListener(() -> result.complete((System.nanoTime() - start) / 1e6));
            stage.setScene(scene);
            // Same window size for every scene: a window smaller than its scene breaks Monocle's painter.
            stage.sizeToScene();
            stage.show();
        });
        double ms = result.get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return ms;
    }

    /**
     * What {@code PatchbayClient.openWorkspace} shows while the workspace opens: the opening line over an
     * invisible {@link MatrixWarmUp}. Returns the time to its first rendered pulse.
     */
    private static double warmUpAsTheClientDoes(Stage stage) throws Exception {
        CompletableFuture<Double> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            long start = System.nanoTime();
            MatrixWarmUp warmUp = new MatrixWarmUp(new javafx.scene.control.Label("Opening workspace..."),
                    new GeneratedMatrixSource(64, 16, Instant.now()), new CurrentThreadTaskExecutor(),
                    new RecordingDialogService());
            Scene scene = new Scene(warmUp, 1280, 800);
            scene.getStylesheets().setAll(Theme.LIGHT.stylesheets());
            scene.addPostLayoutPulseListener(new Runnable() {
                @Override
                public void run() {
                    scene.removePostLayoutPulseListener(this);
                    Platform.runLater(() -> {
                        warmUp.close();
                        result.complete((System.nanoTime() - start) / 1e6);
                    });
                    Platform.requestNextPulse();
                }
            });
            stage.setScene(scene);
            stage.sizeToScene();
            stage.show();
        });
        double ms = result.get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return ms;
    }

    /** [view model built, first pulse laid out, first pulse rendered, view nodes built] in ms from the start. */
    private static double[] openOnce(Stage stage, GeneratedMatrixSource source) throws Exception {
        CompletableFuture<double[]> result = new CompletableFuture<>();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Platform.runLater(() -> {
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            MatrixViewModel model = new MatrixViewModel(source, new RecordingMatrixActions(),
                    new CurrentThreadTaskExecutor(), new RecordingDialogService(), Platform::runLater, Clock.systemUTC());
            double built = (System.nanoTime() - start) / 1e6;
            MatrixView view = new MatrixView(model, null);
            double viewBuilt = (System.nanoTime() - start) / 1e6;
            view.setUserData(model);
            Scene scene = new Scene(view, 1280, 800);
            scene.getStylesheets().setAll(Theme.LIGHT.stylesheets());
            // The post-layout listener runs in the pulse that laid the window out; rendering of that pulse
            // follows on the render thread, so wait for the pulse after it before stopping the clock.
            double[] laidOut = new double[1];
            Consumer<Scene> done = s -> result.complete(new double[]{built, laidOut[0], (System.nanoTime() - start) / 1e6, viewBuilt,
                    (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6});
            Runnable[] afterLayout = new Runnable[1];
            afterLayout[0] = () -> {
                laidOut[0] = (System.nanoTime() - start) / 1e6;
                scene.removePostLayoutPulseListener(afterLayout[0]);
                scene.addPreLayoutPulseListener(new Runnable() {
                    @Override
                    public void run() {
                        scene.removePreLayoutPulseListener(this);
                        done.accept(scene);
                    }
                });
                Platform.requestNextPulse();
            };
            scene.addPostLayoutPulseListener(afterLayout[0]);
            stage.setScene(scene);
            // Same window size for every scene: a window smaller than its scene breaks Monocle's painter.
            stage.sizeToScene();
            stage.show();
        });
        double[] times = result.get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return times;
    }

    private static MatrixViewModel viewModel(MatrixView view) {
        return (MatrixViewModel) view.getUserData();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> action) throws Exception {
        T value = WaitForAsyncUtils.asyncFx(action).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return value;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(d -> d).min().orElse(0);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(d -> d).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

}
