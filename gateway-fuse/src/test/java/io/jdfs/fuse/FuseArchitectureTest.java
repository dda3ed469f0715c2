package io.jdfs.fuse;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The gateway sees the client API, the protocol's types and the common helpers: never server internals. */
@AnalyzeClasses(packages = "io.jdfs.fuse", importOptions = ImportOption.DoNotIncludeTests.class)
class FuseArchitectureTest {
    @ArchTest
    static final ArchRule onlyTheClientApi = noClasses().that().resideInAPackage("io.jdfs.fuse..")
            .should().dependOnClassesThat().resideInAnyPackage("io.jdfs.name..", "io.jdfs.data..", "io.jdfs.local..",
                    "io.jdfs.client.internal..", "io.jdfs.cli..", "io.jdfs.shell..")
            .because("front ends use io.jdfs.client, io.jdfs.protocol and io.jdfs.common only");
}
