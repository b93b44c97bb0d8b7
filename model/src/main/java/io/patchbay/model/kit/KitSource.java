package io.patchbay.model.kit;

import io.patchbay.model.kit.zip.ZipArchive;
import io.patchbay.model.kit.zip.ZipEntryHeader;

import java.io.IOException;
import java.io.InputStream;

/** What {@link KitVerifier} reads: a parsed archive and a way to stream one entry's bytes with a cap. */
public interface KitSource {
    ZipArchive archive();

    /** The entry's bytes; reading more than {@code cap} of them throws "inflates past its declared size". */
    InputStream open(ZipEntryHeader entry, long cap) throws IOException;
}
