package io.jdfs.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The arrows between packages, for what the module build cannot see (the modules already keep
 * protocol <- rpc <- client/nameserver/dataserver <- minicluster; see docs/architecture.md). Lives in
 * the launcher, the one module with every class on its class path.
 */
class LayeringTest {
    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jdfs");
    }

    @Test
    void protocolKnowsNoServerNoClientAndNoNetworking() {
        noClasses().that().resideInAnyPackage("io.jdfs.protocol..", "io.jdfs.common..")
                .should().dependOnClassesThat().resideInAnyPackage("io.jdfs.name..", "io.jdfs.data..",
                        "io.jdfs.client..", "io.jdfs.local..", "io.jdfs.rpc..", "io.netty..")
                .check(classes);
    }

    @Test
    void rpcKnowsNoRole() {
        noClasses().that().resideInAPackage("io.jdfs.rpc..")
                .should().dependOnClassesThat().resideInAnyPackage("io.jdfs.name..", "io.jdfs.data..",
                        "io.jdfs.client..", "io.jdfs.local..")
                .check(classes);
    }

    @Test
    void theLaunchersClientCommandsUseTheClientOnly() {
        noClasses().that().resideInAnyPackage("io.jdfs.cli..", "io.jdfs.shell..")
                .and().haveSimpleNameNotStartingWith("NameServerCommand")
                .and().haveSimpleNameNotStartingWith("DataServerCommand")
                .and().haveSimpleNameNotStartingWith("NameServerSettings") // the role's defaults come from its config
                .and().haveSimpleNameNotStartingWith("DataServerSettings")
                .and().haveSimpleNameNotStartingWith("LocalCommand")
                .and().haveSimpleNameNotStartingWith("BenchCommand")
                .and().haveSimpleNameNotStartingWith("WebConsole") // composes the console into the name server's web port
                .should().dependOnClassesThat().resideInAnyPackage("io.jdfs.name..", "io.jdfs.data..", "io.jdfs.local..")
                .check(classes);
    }

    @Test
    void clientUsesNoServerInternals() {
        noClasses().that().resideInAPackage("io.jdfs.client..")
                .should().dependOnClassesThat().resideInAnyPackage("io.jdfs.name..", "io.jdfs.data..", "io.jdfs.local..")
                .check(classes);
    }

    @Test
    void nameServerAndDataServerAreIndependent() {
        noClasses().that().resideInAPackage("io.jdfs.name..")
                .should().dependOnClassesThat().resideInAnyPackage("io.jdfs.data..", "io.jdfs.client..", "io.jdfs.local..")
                .check(classes);
        noClasses().that().resideInAPackage("io.jdfs.data..")
                .should().dependOnClassesThat().resideInAnyPackage("io.jdfs.name..", "io.jdfs.client..", "io.jdfs.local..")
                .check(classes);
    }

    @Test
    void namespaceStateMachineIsFreeOfNetworking() {
        noClasses().that().resideInAPackage("io.jdfs.name.namespace..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "org.eclipse.jetty..")
                .check(classes);
    }
}
