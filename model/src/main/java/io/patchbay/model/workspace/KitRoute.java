package io.patchbay.model.workspace;

import io.patchbay.model.release.Version;

import java.util.List;

/**
 * Which kit of a release goes to one site, decided each time a delivery is sent: the delta whose base is the release
 * the site's agent last said it has installed, otherwise the full kit. After the site refused a delta ("needs the full
 * kit"), always the full kit, so a fallback never loops.
 *
 * @param kitFile   the file name it takes in the site's inbox (and the agent's report is keyed by)
 * @param kitSha256 its content, to find it in the kit store
 * @param size      its size in bytes
 */
public record KitRoute(SentKind kind, String kitFile, String kitSha256, long size) {

    /**
     * @param installed the release of the same product the site reports installed; null when it reports none
     * @param fellBack  the site already refused a delta of this release: it needs the full kit
     */
    public static KitRoute choose(Release release, List<ReleaseDelta> deltas, Version installed, boolean fellBack) {
        if (!fellBack && installed != null) {
            for (ReleaseDelta d : deltas) {
                if (d.releaseId() == release.id() && d.baseVersion().equals(installed)) {
                    return new KitRoute(SentKind.DELTA, d.kitFile(), d.kitSha256(), d.kitSize());
                }
            }
        }
        return full(release);
    }

    /** The release's full kit. */
    public static KitRoute full(Release release) {
        return new KitRoute(SentKind.FULL, release.kitFile(), release.kitSha256(), release.kitSize());
    }
}
