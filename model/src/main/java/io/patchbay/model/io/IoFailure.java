package io.patchbay.model.io;

import io.patchbay.model.TransientFailure;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.Locale;

/**
 * A failure of this machine (a full disk, a permission, a read-only or failing file system) while working on
 * something that may well be fine: unlike a refusal, it is never final, and whatever was being worked on stays
 * where it was to be tried again. Its one-line message says what failed here, e.g.
 * {@code disk full while extracting Spruce-12.10.11.kit (No space left on device)}.
 */
public final class IoFailure extends TransientFailure {
    private static final long serialVersionUID = 1L;

    /** What kind of trouble, in the words a person reads. */
    public enum Kind {
        DISK_FULL("disk full"),
        PERMISSION_DENIED("permission denied"),
        READ_ONLY("read-only file system"),
        IO_ERROR("I/O error");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    private final Kind kind;

    private IoFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** The failure of {@code doing} (e.g. "extracting Spruce-12.10.11.kit"), classified from its cause. */
    public static IoFailure of(String doing, IOException cause) {
        Kind kind = classify(cause);
        String detail = cause instanceof FileSystemException fs && fs.getReason() != null
                ? fs.getReason() + ": " + fs.getFile() : String.valueOf(cause.getMessage());
        return new IoFailure(kind, kind.word() + " while " + doing + " (" + oneLine(detail) + ")", cause);
    }

    public Kind kind() {
        return kind;
    }

    /** What the failure is, from the exception's type and the operating system's words (errno text). */
    public static Kind classify(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AccessDeniedException) {
                return Kind.PERMISSION_DENIED;
            }
            String text = (t instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                    : String.valueOf(t.getMessage())).toLowerCase(Locale.ROOT);
            if (text.contains("no space left") || text.contains("disk quota exceeded") || text.contains("file too large")) {
                return Kind.DISK_FULL;
            }
            if (text.contains("permission denied") || text.contains("operation not permitted")) {
                return Kind.PERMISSION_DENIED;
            }
            if (text.contains("read-only file system")) {
                return Kind.READ_ONLY;
            }
        }
        return Kind.IO_ERROR;
    }

    private static String oneLine(String s) {
        return s.lines().findFirst().orElse("").strip();
    }
}
