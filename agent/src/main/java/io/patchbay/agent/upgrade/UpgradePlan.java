package io.patchbay.agent.upgrade;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * What the agent asks its upgrader to do, written before the upgrader starts.
 *
 * @param patchId       the registry's patch, recorded with the outcome
 * @param trigger       automatic, scheduled or operator
 * @param oldVersion    the running agent's version, expected back after a rollback
 * @param payload       the staged kit's payload: the new distribution
 * @param distribution  the folder the agent runs from, swapped in place
 * @param healthTimeout how long the new agent has to report healthy
 */
public record UpgradePlan(String patchId, String trigger, String product, String version, String oldVersion,
                          Path home, Path payload, Path distribution, Duration healthTimeout, Instant requestedAt) {
}
