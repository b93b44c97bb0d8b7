package io.patchbay.agent.install;

/**
 * What the one-shot install process writes to its result file.
 *
 * @param outcome the outcome, or null when it was refused or (recover) there was nothing to do
 * @param refusal the one-line refusal (lock held, unfinished journal, bad request), or null
 */
record ProcessResult(InstallOutcome outcome, String refusal) {
}
