package io.tfsync;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rooms of DESIGN.md and what each may depend on, checked rather than reviewed. */
class ArchitectureTest {

    private static final String[] DOMAIN = {
        "io.tfsync.catalog..", "io.tfsync.terraform..", "io.tfsync.sync..", "io.tfsync.events..", "io.tfsync.drift.."
    };

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tfsync");
    }

    @Test
    void domain_rooms_import_no_web_framework_and_no_database_code() {
        noClasses()
                .that()
                .resideInAnyPackage(DOMAIN)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.javalin..",
                        "org.eclipse.jetty..",
                        "jakarta.servlet..",
                        "org.jdbi..",
                        "java.sql..",
                        "javax.sql..",
                        "org.flywaydb..",
                        "com.zaxxer..",
                        "io.tfsync.store..",
                        "io.tfsync.http..",
                        "io.tfsync.cli..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void only_the_store_touches_sql() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.tfsync.store..", "io.tfsync")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.jdbi..", "java.sql..", "org.flywaydb..", "com.zaxxer..")
                .check(classes);
    }

    @Test
    void the_web_layer_stays_out_of_the_domain_and_the_store() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.tfsync.http..", "io.tfsync", "io.tfsync.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.javalin..", "io.tfsync.http..")
                .check(classes);
    }

    @Test
    void rooms_have_no_cycles() {
        slices().matching("io.tfsync.(*)..").should().beFreeOfCycles().check(classes);
    }
}
