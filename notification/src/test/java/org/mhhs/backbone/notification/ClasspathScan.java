package org.mhhs.backbone.notification;

import java.lang.reflect.Constructor;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/** What the routing tests find on the classpath instead of keeping lists: the contexts' routes and events. */
final class ClasspathScan {

    private ClasspathScan() {}

    /** The routing table as the hub builds it: from every {@link ContextRoutes} of this module. */
    static RoutingTable routingTable() {
        return new RoutingTable(routesOfEveryContext());
    }

    static List<ContextRoutes> routesOfEveryContext() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(ContextRoutes.class));
        return scanner.findCandidateComponents("org.mhhs.backbone.notification").stream()
                .map(candidate -> (ContextRoutes) instantiate(load(candidate.getBeanClassName())))
                .toList();
    }

    /** Every event a context publishes: a record in a context's api package implementing an interface named *Event. */
    static List<Class<?>> marketEvents() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter((reader, factory) ->
                reader.getClassMetadata().getClassName().matches("org\\.mhhs\\.backbone\\.[a-z]+\\.api\\.[A-Za-z]+")
                        && Arrays.stream(reader.getClassMetadata().getInterfaceNames())
                                .anyMatch(name -> name.endsWith("Event")));
        return scanner.findCandidateComponents("org.mhhs.backbone").stream()
                .<Class<?>>map(candidate -> load(candidate.getBeanClassName()))
                .filter(Class::isRecord)
                .toList();
    }

    private static Class<?> load(String name) {
        return ClassUtils.resolveClassName(name, ClasspathScan.class.getClassLoader());
    }

    private static Object instantiate(Class<?> type) {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " needs a no-argument constructor", e);
        }
    }
}
