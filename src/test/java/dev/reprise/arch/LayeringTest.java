package dev.reprise.arch;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.reprise.engine.Engine;
import dev.reprise.store.H2Store;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/** Holds the dependency rules of DESIGN.md: one direction from flow to app, and who may use what. */
class LayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.reprise");
    }

    @Test
    void layersDependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("flow").definedBy("dev.reprise.flow..")
                .layer("run").definedBy("dev.reprise.run..")
                .layer("engine").definedBy("dev.reprise.engine..")
                .layer("store").definedBy("dev.reprise.store..")
                .layer("workspace").definedBy("dev.reprise.workspace..")
                .layer("server").definedBy("dev.reprise.server..")
                .layer("client").definedBy("dev.reprise.client..")
                .layer("cli").definedBy("dev.reprise.cli..")
                .layer("ui").definedBy("dev.reprise.ui..")
                .layer("app").definedBy("dev.reprise.app..")
                .whereLayer("app").mayNotBeAccessedByAnyLayer()
                .whereLayer("cli").mayOnlyBeAccessedByLayers("app")
                .whereLayer("ui").mayOnlyBeAccessedByLayers("app")
                .whereLayer("server").mayOnlyBeAccessedByLayers("app")
                .whereLayer("client").mayOnlyBeAccessedByLayers("app")
                .whereLayer("workspace").mayOnlyBeAccessedByLayers("server", "client", "cli", "ui", "app")
                .whereLayer("store").mayOnlyBeAccessedByLayers("workspace", "app")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("store", "workspace", "app")
                .whereLayer("run").mayOnlyBeAccessedByLayers("engine", "store", "workspace", "server", "client",
                        "cli", "ui", "app")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void onlyTheStoreUsesJdbc() {
        noClasses().that().resideOutsideOfPackage("dev.reprise.store..")
                .should().dependOnClassesThat().resideInAPackage("java.sql..")
                .check(classes);
    }

    @Test
    void onlyTheAppOpensStoresAndMakesEngines() {
        noClasses().that().resideOutsideOfPackages("dev.reprise.app..", "dev.reprise.store..")
                .should().callMethod(H2Store.class, "open", Path.class)
                .orShould().callConstructorWhere(JavaConstructorCall.Predicates.target(
                        HasOwner.Predicates.With.owner(JavaClass.Predicates.equivalentTo(Engine.class))))
                .check(classes);
    }

    @Test
    void onlyTheUiAndTheAppUseJavaFx() {
        noClasses().that().resideOutsideOfPackages("dev.reprise.ui..", "dev.reprise.app..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(classes);
    }

    @Test
    void viewModelsDoNotUseTheSceneGraph() {
        noClasses().that().resideInAPackage("dev.reprise.ui..").and().haveSimpleNameEndingWith("Model")
                .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
                .check(classes);
    }

    @Test
    void nothingUsesAwtOrSwing() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.awt..", "javax.swing..")
                .check(classes);
    }

    @Test
    void onlyTheCommandLineWritesToStandardStreams() {
        noClasses().that().resideOutsideOfPackages("dev.reprise.cli..", "dev.reprise.app..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .check(classes);
    }
}
