package io.symphony.redis.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Reads the module descriptors of the six library jars (javac checks what each module reads; this checks what each
 * one promises): every API package is exported, no {@code internal} package is exported to the world.
 */
class ModuleDescriptorsUnitTests {

    @Test
    void everyLibraryModuleExportsItsApiAndKeepsInternalPackagesToTheToolkit() throws IOException {
        Map<String, ModuleDescriptor> modules = libraryModules();

        assertThat(modules).containsOnlyKeys("io.symphony.redis.core", "io.symphony.redis.repositories",
                "io.symphony.redis.listeners", "io.symphony.redis.micrometer", "io.symphony.redis.webflux",
                "io.symphony.redis.boot");
        for (ModuleDescriptor module : modules.values()) {
            for (String pkg : module.packages()) {
                List<ModuleDescriptor.Exports> exports = module.exports().stream()
                        .filter(e -> e.source().equals(pkg)).toList();
                if (pkg.contains(".internal")) {
                    assertThat(exports).as("%s must not export %s to the world", module.name(), pkg)
                            .allSatisfy(e -> assertThat(e.targets()).isNotEmpty()
                                    .allSatisfy(t -> assertThat(t).startsWith("io.symphony.redis.")));
                } else {
                    assertThat(exports).as("%s must export its API package %s", module.name(), pkg)
                            .singleElement().satisfies(e -> assertThat(e.isQualified()).isFalse());
                }
            }
        }
    }

    @Test
    void coreNamesTheLibrariesItsApiExposesAsTransitive() throws IOException {
        ModuleDescriptor core = libraryModules().get("io.symphony.redis.core");

        List<String> transitive = core.requires().stream()
                .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                .map(ModuleDescriptor.Requires::name).sorted().collect(Collectors.toList());

        assertThat(transitive).contains("lettuce.core", "reactor.core", "tools.jackson.databind");
    }

    private static Map<String, ModuleDescriptor> libraryModules() throws IOException {
        Map<String, ModuleDescriptor> modules = new TreeMap<>();
        List<URL> urls = new ArrayList<>(Collections.list(
                ModuleDescriptorsUnitTests.class.getClassLoader().getResources("module-info.class")));
        for (URL url : urls) {
            try (InputStream in = url.openStream()) {
                ModuleDescriptor descriptor = ModuleDescriptor.read(in);
                if (descriptor.name().startsWith("io.symphony.redis")) {
                    modules.put(descriptor.name(), descriptor);
                }
            }
        }
        return modules;
    }
}
