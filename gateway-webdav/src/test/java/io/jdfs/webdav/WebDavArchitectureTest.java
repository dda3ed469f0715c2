package io.jdfs.webdav;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The gateway is a front end: it sees the client API and protocol types, never server internals. */
@AnalyzeClasses(packages = "io.jdfs.webdav", importOptions = ImportOption.DoNotIncludeTests.class)
class WebDavArchitectureTest {
    @ArchTest
    static final ArchRule onlyTheClientApi = noClasses().that().resideInAPackage("io.jdfs.webdav..")
            .should().dependOnClassesThat().resideInAnyPackage("io.jdfs.name..", "io.jdfs.data..", "io.jdfs.local..",
                    "io.jdfs.client.internal..", "io.jdfs.cli..")
            .because("front ends use io.jdfs.client, io.jdfs.protocol and io.jdfs.common only");
}
