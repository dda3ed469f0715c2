package io.jdfs.console;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The console is a front end: it sees the client API, the protocol's types and the common helpers only. */
@AnalyzeClasses(packages = "io.jdfs.console", importOptions = ImportOption.DoNotIncludeTests.class)
class ConsoleArchitectureTest {
    @ArchTest
    static final ArchRule onlyTheClientApi = noClasses().that().resideInAPackage("io.jdfs.console..")
            .should().dependOnClassesThat().resideInAnyPackage("io.jdfs.name..", "io.jdfs.data..", "io.jdfs.local..",
                    "io.jdfs.client.internal..", "io.jdfs.cli..")
            .because("front ends use io.jdfs.client, io.jdfs.protocol and io.jdfs.common only (DESIGN.md, Front ends)");
}
