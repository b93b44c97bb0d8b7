package io.patchbay.model.workspace;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * A class's logger, fetched the first time something is logged. slf4j binds its provider on the first
 * {@link LoggerFactory#getLogger}, and slf4j-simple then reads its configuration and builds its time-stamp format
 * (calendar and locale data): a sixth of a one-off `patchbay status` that logs nothing. A static
 * {@code Logger} field would pay that at class initialisation.
 */
final class LazyLogger implements Supplier<Logger> {
    private final Class<?> owner;
    private volatile Logger logger;

    private LazyLogger(Class<?> owner) {
        this.owner = owner;
    }

    static LazyLogger of(Class<?> owner) {
        return new LazyLogger(owner);
    }

    @Override
    public Logger get() {
        Logger l = logger;
        if (l == null) {
            l = LoggerFactory.getLogger(owner); // slf4j hands out one logger per name: a race costs nothing
            logger = l;
        }
        return l;
    }
}
