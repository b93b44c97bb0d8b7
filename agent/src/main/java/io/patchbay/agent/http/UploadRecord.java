package io.patchbay.agent.http;

import java.time.Instant;

/**
 * What the agent knows of one tus upload, kept as a JSON sidecar next to its {@code .part} file so an
 * agent restart resumes from {@code offset}: every byte below it was forced to disk (and checked)
 * before the sidecar said so.
 *
 * @param id       the upload's id, its last URL segment
 * @param fileName the kit's name in the inbox, from the creation metadata (validated)
 * @param length   the announced total length
 * @param offset   bytes safely held
 * @param complete true once the kit was (or is being) renamed into the inbox
 * @param created  when the upload was created
 */
public record UploadRecord(String id, String fileName, long length, long offset, boolean complete, Instant created) {

    UploadRecord withOffset(long newOffset) {
        return new UploadRecord(id, fileName, length, newOffset, complete, created);
    }

    UploadRecord completed() {
        return new UploadRecord(id, fileName, length, length, true, created);
    }
}
