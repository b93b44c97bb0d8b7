package io.patchbay.transport.sftp;

/** What a folder download copied: how many files, how many bytes. */
public record TreeCopy(long files, long bytes) {
}
