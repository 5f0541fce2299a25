package dev.shoplink.host;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.google.inject.Injector;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * The house rules of {@code docs/ARCHITECTURE.md} that the compiler does not enforce. Main classes only:
 * the host, the plugin API and whatever else of {@code dev.shoplink} is on the class path.
 */
@AnalyzeClasses(packages = "dev.shoplink", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Package by feature: features may use each other, but never in a circle. */
    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles = slices()
            .matching("dev.shoplink.host.(*)..")
            .namingSlices("feature '$1'")
            .should().beFreeOfCycles();

    /** The HTTP layer never talks SQL; it calls a service, and services own transactions. */
    @ArchTest
    static final ArchRule httpLayerNeverTalksSql = noClasses()
            .that().resideInAPackage("dev.shoplink.host.http..")
            .or(areRoutesOrNestedInRoutes())
            .should().dependOnClassesThat().resideInAPackage("org.jdbi..")
            .because("the HTTP layer calls a service; services and repositories own the SQL (docs/ARCHITECTURE.md)");

    /**
     * Services know nothing of HTTP: they take command records and throw {@code dev.shoplink.host.domain} exceptions;
     * the routes parse requests and {@code http.DomainProblems} answers the exceptions.
     */
    @ArchTest
    static final ArchRule servicesKnowNothingOfHttp = noClasses()
            .that().resideInAPackage("dev.shoplink.host.*..")
            .and().haveSimpleNameEndingWith("Service")
            .should().dependOnClassesThat().resideInAnyPackage("dev.shoplink.host.http..", "io.javalin..")
            .because("services take commands and throw domain exceptions; the HTTP layer maps both ways (docs/ARCHITECTURE.md)");

    /** What goes along with a service's calls (nested records, the shop snapshot of a switch) throws domain exceptions too. */
    @ArchTest
    static final ArchRule onlyTheHttpLayerThrowsHttpProblems = noClasses()
            .that().resideInAPackage("dev.shoplink.host.*..")
            .and().resideOutsideOfPackage("dev.shoplink.host.http..")
            .and(DescribedPredicate.not(areRoutesOrNestedInRoutes()))
            .should().dependOnClassesThat().areAssignableTo(dev.shoplink.host.http.ApiException.class)
            .because("outside the HTTP layer a refusal is a domain exception (docs/ARCHITECTURE.md)");

    /**
     * SQL sits in repositories: nothing else creates a Jdbi statement that changes rows, and services create none at all
     * (a read of another feature's table goes through that feature's repository or a port, e.g. {@code IntegrationRows}).
     * Which repository writes which table is {@link #eachTableHasOneWriter}'s business.
     */
    @ArchTest
    static final ArchRule onlyRepositoriesChangeRows = noClasses()
            .that().resideInAPackage("dev.shoplink..")
            .and(DescribedPredicate.not(areRepositoriesOrNestedInOne()))
            .should().callMethodWhere(jdbiStatement(SqlWrites.CHANGING_STATEMENTS))
            .because("each table has one repository that writes it (docs/ARCHITECTURE.md, table owners)");

    @ArchTest
    static final ArchRule servicesRunNoSql = noClasses()
            .that().resideInAPackage("dev.shoplink.host.*..")
            .and().haveSimpleNameEndingWith("Service")
            .should().callMethodWhere(jdbiStatement(SqlWrites.ANY_STATEMENT))
            .because("services own transactions and call repositories; SQL sits in repositories (docs/ARCHITECTURE.md)");

    /**
     * One writer per table: the SQL text of every main class (its string literals, read from its source file) is
     * scanned for {@code insert into}, {@code update}, {@code delete from} and {@code merge into} a table of the schema;
     * each table is written by its owner in {@link SqlWrites#OWNERS} alone, and a write whose table the text does not
     * name (a table name concatenated in) is refused, so the scan cannot be dodged.
     */
    @ArchTest
    static void eachTableHasOneWriter(JavaClasses classes) {
        SqlWrites.assertOwners(classes);
    }

    /** Guice wires the modules at start-up; no injector is passed around or kept at runtime. */
    @ArchTest
    static final ArchRule noInjectorFields = fields()
            .that().areDeclaredInClassesThat().resideInAPackage("dev.shoplink..")
            .should().notHaveRawType(Injector.class)
            .because("Guice wires modules at start-up only (docs/ARCHITECTURE.md)");

    @ArchTest
    static final ArchRule noInjectorParameters = codeUnits()
            .that().areDeclaredInClassesThat().resideInAPackage("dev.shoplink..")
            .should(notTakeAnInjector())
            .because("Guice wires modules at start-up only (docs/ARCHITECTURE.md)");

    /** What a connector author has to learn stays small: the JDK and PF4J, nothing else. */
    @ArchTest
    static final ArchRule pluginApiDependsOnlyOnJdkAndPf4j = classes()
            .that().resideInAPackage("dev.shoplink.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.shoplink.api..", "java..", "org.pf4j..")
            .because("plugin-api never depends on host, Jackson, Javalin, Jdbi or Guice (docs/ARCHITECTURE.md, modules)");

    /** Connectors arrive as plugin archives; the demo shop runs in its own JVM. */
    @ArchTest
    static final ArchRule hostKnowsNoConnectorOrSimulator = noClasses()
            .that().resideInAPackage("dev.shoplink.host..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.shoplink.shipstation..", "dev.shoplink.simulator..")
            .because("the host talks to connectors only through plugin-api, and starts the demo shop as a process");

    /** Names say what a thing is in the user's words. */
    @ArchTest
    static final ArchRule noVagueNames = noClasses()
            .that().resideInAPackage("dev.shoplink..")
            .should().haveSimpleNameEndingWith("Manager")
            .orShould().haveSimpleNameEndingWith("Helper")
            .orShould().haveSimpleNameEndingWith("Util")
            .orShould().haveSimpleNameEndingWith("Impl")
            .because("names say what a thing is (docs/ARCHITECTURE.md)");

    /**
     * A host class is not named like a plugin-API type: a file that needs both (the sync stores a connector's
     * {@code Listing} as a {@code StoredListing}) would have to spell one of them out in full, and readers mix them up
     * (which page of a host list to read is {@code domain.Paging}, not a second {@code Page}).
     */
    @ArchTest
    static void hostClassesAreNotNamedLikePluginApiTypes(JavaClasses classes) {
        Set<String> apiNames = classes.stream()
                .filter(c -> c.isTopLevelClass() && c.getPackageName().matches("dev\\.shoplink\\.api(\\..*)?"))
                .map(JavaClass::getSimpleName)
                .filter(name -> !name.equals("package-info"))
                .collect(Collectors.toSet());
        if (apiNames.isEmpty()) {
            throw new AssertionError("no plugin-API type on the class path: the rule would check nothing");
        }
        classes().that().resideInAPackage("dev.shoplink.host..").and().areTopLevelClasses()
                .should(notBeNamedLikeOneOf(apiNames))
                .because("a file that uses both would have to spell one out in full (docs/ARCHITECTURE.md)")
                .check(classes);
    }

    private static DescribedPredicate<JavaClass> areRoutesOrNestedInRoutes() {
        return new DescribedPredicate<>("are *Routes classes or nested in one") {
            @Override
            public boolean test(JavaClass c) {
                for (Optional<JavaClass> x = Optional.of(c); x.isPresent(); x = x.get().getEnclosingClass()) {
                    if (x.get().getSimpleName().endsWith("Routes")) {
                        return true;
                    }
                }
                return false;
            }
        };
    }

    private static DescribedPredicate<JavaClass> areRepositoriesOrNestedInOne() {
        return new DescribedPredicate<>("are *Repository classes or nested in one") {
            @Override
            public boolean test(JavaClass c) {
                return SqlWrites.topLevel(c).getSimpleName().endsWith("Repository");
            }
        };
    }

    private static DescribedPredicate<JavaMethodCall> jdbiStatement(String names) {
        return new DescribedPredicate<>("target is the Jdbi statement method " + names) {
            @Override
            public boolean test(JavaMethodCall call) {
                return call.getTargetOwner().isAssignableTo(Handle.class) && call.getName().matches(names);
            }
        };
    }

    private static ArchCondition<JavaClass> notBeNamedLikeOneOf(Set<String> apiNames) {
        return new ArchCondition<>("not have the simple name of a dev.shoplink.api type") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                if (apiNames.contains(c.getSimpleName())) {
                    events.add(SimpleConditionEvent.violated(c, c.getName() + " is named like the plugin API's "
                            + c.getSimpleName() + " in " + c.getSourceCodeLocation()));
                }
            }
        };
    }

    private static ArchCondition<JavaCodeUnit> notTakeAnInjector() {
        return new ArchCondition<>("not take a " + Injector.class.getName() + " parameter") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                boolean takesOne = unit.getRawParameterTypes().stream().anyMatch(t -> t.isEquivalentTo(Injector.class));
                if (takesOne) {
                    events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " takes an Injector in "
                            + unit.getSourceCodeLocation()));
                }
            }
        };
    }
}
