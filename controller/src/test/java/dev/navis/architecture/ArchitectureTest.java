package dev.navis.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The arrows of the design, checked so they stay true without review effort. */
@AnalyzeClasses(packages = "dev.navis", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** The engine decides; it must stay a pure function that tests can drive step by step. */
  @ArchTest
  static final ArchRule engineDoesNoIo = noClasses()
      .that().resideInAPackage("dev.navis.engine..")
      .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "java.net.http..",
          "dev.navis.store..", "dev.navis.executor..", "dev.navis.controller..")
      .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.ProcessBuilder")
      .because("the engine is a pure function of its inputs: no SQL, HTTP or processes");

  /** The engine reads no clock of its own: time is an input. */
  @ArchTest
  static final ArchRule engineReadsNoClock = noClasses()
      .that().resideInAPackage("dev.navis.engine..")
      .and().resideOutsideOfPackage("dev.navis.engine.expr..")
      .should().callMethod(java.time.Instant.class, "now")
      .orShould().callMethod(System.class, "currentTimeMillis")
      .because("tests drive the engine with a fake clock");

  /** The API model is shared by everything and depends on nothing of Navis. */
  @ArchTest
  static final ArchRule apiStandsAlone = noClasses()
      .that().resideInAPackage("dev.navis.api..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.navis.engine..",
          "dev.navis.store..", "dev.navis.executor..", "dev.navis.controller..",
          "dev.navis.cli..");

  /** The store keeps plain-typed rows: it knows no events, controller, server or CLI. */
  @ArchTest
  static final ArchRule storeStandsBelowEvents = noClasses()
      .that().resideInAPackage("dev.navis.store..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.navis.events..",
          "dev.navis.controller..", "dev.navis.server..", "dev.navis.cli..");
}
