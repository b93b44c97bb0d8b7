package io.patchbay.app.ui.chart;

import javafx.scene.chart.NumberAxis;
import javafx.util.StringConverter;

import java.time.ZoneId;

/** The screens' chart axes, set from {@link ChartScale}: whole numbers of sites, times in the person's zone. */
public final class ChartAxes {
    private ChartAxes() {
    }

    /** An axis with fixed bounds (set by {@link #count} or {@link #time}), no minor ticks, labelled. */
    public static NumberAxis fixed(String label) {
        NumberAxis axis = new NumberAxis();
        axis.setAutoRanging(false);
        axis.setMinorTickVisible(false);
        axis.setLabel(label);
        return axis;
    }

    /** 0 to a little over {@code most}, in whole numbers. */
    public static void count(NumberAxis axis, long most) {
        ChartScale.Range r = ChartScale.count(most);
        axis.setLowerBound(r.lower());
        axis.setUpperBound(r.upper());
        axis.setTickUnit(r.tick());
        axis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return Long.toString(Math.round(n.doubleValue()));
            }

            @Override
            public Number fromString(String s) {
                return Long.parseLong(s);
            }
        });
    }

    /** The range of epoch seconds {@code from} to {@code to} with round ticks, read in {@code zone}. */
    public static void time(NumberAxis axis, java.time.Instant from, java.time.Instant to, ZoneId zone) {
        ChartScale.Range r = ChartScale.time(from, to);
        axis.setLowerBound(r.lower());
        axis.setUpperBound(r.upper());
        axis.setTickUnit(r.tick());
        axis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return ChartScale.tick(r, n.longValue(), zone);
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
    }
}
