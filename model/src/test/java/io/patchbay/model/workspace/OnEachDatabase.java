package io.patchbay.model.workspace;

import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs every test of the class once per {@link Backend}: on H2 and on PostgreSQL. The class takes the backend
 * in a field marked {@code @Parameter} and opens its workspace at {@code backend.location(dir)}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@interface OnEachDatabase {
}
