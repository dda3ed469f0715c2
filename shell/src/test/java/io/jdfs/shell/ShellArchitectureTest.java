package io.jdfs.shell;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** A front end sees the client API, the protocol's types and the common helpers: never server internals. */
@AnalyzeClasses(packages = "io.jdfs.shell", importOptions = ImportOption.DoNotIncludeTests.class)
class ShellArchitectureTest {
    @ArchTest
    static final ArchRule onlyTheClientApi = noClasses().that().resideInAPackage("io.jdfs.shell..")
            .should().dependOnClassesThat().resideInAnyPackage("io.jdfs.name..", "io.jdfs.data..", "io.jdfs.local..",
                    "io.jdfs.client.internal..", "io.jdfs.cli..")
            .because("front ends use io.jdfs.client, io.jdfs.protocol and io.jdfs.common only (DESIGN.md, Front ends)");

    @ArchTest
    static final ArchRule sharedOperationsStayPlain = noClasses().that().resideInAPackage("io.jdfs.shell.ops..")
            .should().dependOnClassesThat().resideInAnyPackage("org.jline..", "me.tongfei..")
            .because("the one-shot commands share io.jdfs.shell.ops without a terminal");
}
