package io.patchbay.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;

/** The layering of design.md: app -> {transport, agent} -> model, enforced on the production classes. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        // This module also has transport's test-jar (the sshd and proxy fixtures) on its class path:
        // DO_NOT_INCLUDE_TESTS knows test-classes folders, not a "-tests.jar", so that is excluded by name.
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.matches(Pattern.compile(".*-tests\\.jar.*")))
                .importPackages("io.patchbay");
    }

    @Test
    void importsEveryModule() {
        for (String pkg : new String[]{"io.patchbay.model", "io.patchbay.transport", "io.patchbay.agent", "io.patchbay.app"}) {
            if (classes.stream().noneMatch(c -> c.getPackageName().startsWith(pkg))) {
                throw new AssertionError("no production classes found in " + pkg + ": the rules would check nothing");
            }
        }
    }

    @Test
    void modelUsesNoJavaFxNetworkTransportOrApp() {
        ArchRule rule = noClasses().that().resideInAPackage("io.patchbay.model..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "javafx..", "org.controlsfx..", "org.apache.sshd..", "javax.net..", "java.net.http..",
                        "jakarta.mail..")
                .orShould().dependOnClassesThat(networkClasses())
                .because("model/ is domain, kit format, policy and persistence: no JavaFX, no network");
        rule.check(classes);
    }

    @Test
    void dependenciesPointOneWayFromAppThroughTransportAndAgentToModel() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("app").definedBy("io.patchbay.app..")
                .layer("transport").definedBy("io.patchbay.transport..")
                .layer("agent").definedBy("io.patchbay.agent..")
                .layer("model").definedBy("io.patchbay.model..")
                .whereLayer("app").mayNotBeAccessedByAnyLayer()
                .whereLayer("transport").mayOnlyBeAccessedByLayers("app")
                .whereLayer("agent").mayOnlyBeAccessedByLayers("app")
                .whereLayer("model").mayOnlyBeAccessedByLayers("app", "transport", "agent")
                .because("design.md: app -> {transport, agent} -> model")
                .check(classes);
    }

    @Test
    void transportAndAgentUseNoJavaFx() {
        noClasses().that().resideInAnyPackage("io.patchbay.transport..", "io.patchbay.agent..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .because("the push side and the site agent are headless")
                .check(classes);
    }

    @Test
    void theAgentShipsWithoutTheWorkspaceDatabaseOrTheSshClient() {
        noClasses().that().resideInAPackage("io.patchbay.agent..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.h2..", "org.flywaydb..", "java.sql..", "org.apache.sshd..", "io.patchbay.model.workspace..")
                .because("the agent is its own headless product on a site: no workspace database, no push side")
                .check(classes);
    }

    @Test
    void onlyTheCommandLineWritesToStandardStreams() {
        // io.patchbay.app.server: the command server relays a command's output to the launcher's streams.
        noClasses().that().resideOutsideOfPackages("io.patchbay.app.cli..", "io.patchbay.agent.cli..",
                        "io.patchbay.app.server..")
                .and().doNotHaveFullyQualifiedName("io.patchbay.app.Main")
                .should(ACCESS_STANDARD_STREAMS)
                .because("libraries report through listeners and logs; only the command line prints")
                .check(classes);
    }

    @Test
    void userInterfaceHoldsNoPersistenceOrTransportDetails() {
        noClasses().that().resideInAPackage("io.patchbay.app.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.apache.sshd..", "org.flywaydb..")
                .because("views bind to view models, which call the domain")
                .check(classes);
    }

    private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> networkClasses() {
        // Allowed: URIs and their coding; URL and JarURLConnection to list the class path's own resources (the
        // bundled migrations); java.net's exception types, since recognising a cause is not networking.
        return describe("network classes of java.net (sockets, URL connections)",
                c -> c.getPackageName().equals("java.net")
                        && !c.getSimpleName().equals("URI")
                        && !c.getSimpleName().equals("URISyntaxException")
                        && !c.getSimpleName().equals("URLEncoder")
                        && !c.getSimpleName().equals("URLDecoder")
                        && !c.getSimpleName().equals("URL")
                        && !c.getSimpleName().equals("JarURLConnection")
                        && !c.getSimpleName().endsWith("Exception"));
    }
}
