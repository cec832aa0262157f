package dev.canary;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The layers of the core, as ArchUnit rules over a root package ({@code dev.canary} for the real code, a
 * sample root in the tests that prove the rules can fail):
 * <pre>
 *   spec (values) &lt;- engine (pure) &lt;- spi and the API (root) &lt;- internal (the runner)
 * </pre>
 * The one cycle allowed is the API's facade creating the runner: {@code CanaryRun}, {@code StateStores},
 * {@code AlertProvider} and {@code LoadTest} construct implementations in {@code internal}, which uses the API's
 * types in return (as SLF4J's {@code LoggerFactory} and its {@code helpers} do). Those dependencies are never in
 * a public signature: the exposure rule checks that.
 */
final class Layers {
    /** Types that must not appear in a public signature of the API, spec, SPI or engine. */
    static final List<String> HIDDEN = List.of("okhttp3", "com.fasterxml.jackson", "tools.jackson");

    private final String root;

    Layers(String root) {
        this.root = root;
    }

    ArchRule specDependsOnNothingElse() {
        return classes().that().resideInAPackage(root + ".spec")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(root + "..")
                        .or(resideInAPackage(root + ".spec")))
                .because("spec holds the values every other layer shares");
    }

    ArchRule engineDependsOnlyOnSpec() {
        return classes().that().resideInAPackage(root + ".engine..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(root + "..")
                        .or(resideInAnyPackage(root + ".spec", root + ".engine..")))
                .because("the engine decides from spec values alone");
    }

    ArchRule spiDependsOnlyOnSpec() {
        return classes().that().resideInAPackage(root + ".spi")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(root + "..")
                        .or(resideInAnyPackage(root + ".spec", root + ".spi")))
                .because("providers implement the SPI against spec values, never the engine, the runner or the API");
    }

    ArchRule noCycles() {
        return SlicesRuleDefinition.slices().assignedFrom(new LayerSlices(root)).should().beFreeOfCycles()
                .ignoreDependency(resideInAPackage(root), resideInAPackage(root + ".internal.."))
                .because("layers depend one way; the API's facade creating the runner is the one exception");
    }

    ArchRule hidesTransportTypes() {
        return classes().that().resideInAnyPackage(root, root + ".spec", root + ".spi", root + ".engine")
                .and().arePublic()
                .should(exposeNoTypeFrom(HIDDEN))
                .because("users and providers must not need our HTTP or JSON libraries to compile");
    }

    List<ArchRule> all() {
        return List.of(specDependsOnNothingElse(), engineDependsOnlyOnSpec(), spiDependsOnlyOnSpec(), noCycles(),
                hidesTransportTypes());
    }

    /** The slices: the API (the root package itself), spec, engine, spi, and internal with its sub-packages. */
    private record LayerSlices(String root) implements SliceAssignment {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String p = c.getPackageName();
            if (p.equals(root)) {
                return SliceIdentifier.of("API");
            }
            for (String layer : List.of("spec", "engine", "spi")) {
                if (p.equals(root + "." + layer)) {
                    return SliceIdentifier.of(layer);
                }
            }
            return p.startsWith(root + ".internal") ? SliceIdentifier.of("internal") : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the layers of " + root;
        }
    }

    static ArchCondition<JavaClass> exposeNoTypeFrom(List<String> packages) {
        return new ArchCondition<>("expose no type of " + packages + " in a public signature") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                for (String exposed : exposedTypes(c)) {
                    if (packages.stream().anyMatch(p -> exposed.startsWith(p + "."))) {
                        events.add(SimpleConditionEvent.violated(c, c.getName() + " exposes " + exposed));
                    }
                }
            }
        };
    }

    /** Every type named in the public or protected signatures of {@code c}: supertypes, fields, methods. */
    static Set<String> exposedTypes(JavaClass c) {
        List<JavaType> types = new ArrayList<>();
        c.getSuperclass().ifPresent(types::add);
        types.addAll(c.getInterfaces());
        c.getAnnotations().forEach(a -> types.add(a.getRawType()));
        c.getFields().stream().filter(Layers::visible).forEach(f -> types.add(f.getType()));
        c.getCodeUnits().stream().filter(Layers::visible).forEach(u -> {
            types.add(u.getReturnType());
            types.addAll(u.getParameterTypes());
            u.getThrowsClause().getTypes().forEach(types::add);
        });
        Set<String> names = new TreeSet<>();
        types.forEach(t -> t.getAllInvolvedRawTypes().forEach(raw -> names.add(raw.getName())));
        return names;
    }

    private static boolean visible(JavaMember member) {
        Set<JavaModifier> modifiers = member.getModifiers();
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }
}
