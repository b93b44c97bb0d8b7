package io.patchbay.model.kit;

import io.patchbay.model.PatchbayException;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Everything wrong with one {@code kit.ini}, in line order: every missing or bad key is reported at once, each
 * on its own line of the message ({@code kit.ini line 3: version: not a version: '12.x' ...}), so a person fixes
 * them all in one go instead of one per run.
 */
public final class ManifestProblems extends PatchbayException {
    private static final long serialVersionUID = 1L;

    /** One problem and the 1-based line it is on. */
    public record Problem(int line, String message) {
        @Override
        public String toString() {
            return ManifestCodec.FILE + " line " + line + ": " + message;
        }
    }

    private final transient List<Problem> problems;

    ManifestProblems(List<Problem> problems) {
        super(sorted(problems).stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = sorted(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static List<Problem> sorted(List<Problem> problems) {
        return problems.stream().sorted(Comparator.comparingInt(Problem::line)).toList();
    }
}
