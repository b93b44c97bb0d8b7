package io.patchbay.app.ui.sites;

import io.patchbay.model.workspace.AgentCondition;
import io.patchbay.model.workspace.ReportRefusal;
import io.patchbay.model.workspace.Site;
import io.patchbay.model.workspace.SiteAgent;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * One line of the sites table: what a person said about the site, and what its agent last said about itself.
 *
 * @param lastContact     the agent's latest sign of life (null: never heard from), for sorting
 * @param lastContactText the same in the workstation's zone, with the zone and its age
 * @param condition       how the agent is doing (healthy, error, low disk, not heard from...)
 * @param reportRefused   the site's last refused signed status report in words, in the workstation's zone; null
 *                        while its reports are accepted
 */
public record SiteRow(Site site, String name, String kind, String endpoint, String ring, String channel,
                      String timeZone, String agentVersion, Instant lastContact, String lastContactText,
                      AgentCondition condition, String reportRefused) {
    public static SiteRow of(Site s, SiteAgent agent, ReportRefusal refused, Instant now, Duration notHeardAfter,
                             ZoneId zone) {
        Instant contact = agent == null ? null : agent.lastContact();
        AgentCondition condition = agent == null ? new AgentCondition(AgentCondition.Kind.NEVER_HEARD_FROM, "never heard from")
                : AgentCondition.of(agent, now, notHeardAfter);
        return new SiteRow(s, s.name(), s.spec().transport().word(), s.spec().endpoint().toString(), s.ring(),
                s.spec().channel().word(), s.spec().timeZone().getId(),
                agent == null || agent.agentVersion() == null ? "-" : agent.agentVersion(), contact,
                AgentCondition.contact(contact, now, zone), condition, refused == null ? null : sentence(refused.text(zone)));
    }

    /** A line of the detail pane starts as a sentence does. */
    private static String sentence(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
