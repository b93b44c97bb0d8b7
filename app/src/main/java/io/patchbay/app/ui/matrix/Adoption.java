package io.patchbay.app.ui.matrix;

/**
 * How far a release got in a ring or overall: sites that installed it of the sites it is meant for.
 *
 * @param installed sites whose cell is installed
 * @param targeted  sites whose cell is anything but not targeted
 */
public record Adoption(int installed, int targeted) {
    /** Whole percent installed, rounded down (99% until the last site is done); 0 when nothing is targeted. */
    public int percent() {
        return targeted == 0 ? 0 : (int) (100L * installed / targeted);
    }

    /** "3/4 installed, 75%", or empty when the release is meant for no site here. */
    public String text() {
        return targeted == 0 ? "" : installed + "/" + targeted + " installed, " + percent() + "%";
    }

    /** "3/4, 75%": the same in a narrow place. */
    public String shortText() {
        return targeted == 0 ? "" : installed + "/" + targeted + ", " + percent() + "%";
    }
}
