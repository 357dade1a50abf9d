package io.symphony.redis.boot;

import io.symphony.redis.listener.OnTrigger;
import io.symphony.redis.listener.Registration;
import io.symphony.redis.listener.TriggerRegistry;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Register the {@link OnTrigger} methods of every bean with the application's {@link TriggerRegistry} once the bean is
 * initialised (before the listener starts), and cancel them when the bean is destroyed.
 *
 * <p>An action handled by two beans fails start-up naming both; one already registered from code
 * ({@code registry.on(...)}) fails it naming the bean and the action; a method of the wrong shape fails it naming
 * the method. A class-proxied bean (AOP advice on it) fails start-up too: the proxy's methods carry no annotations,
 * so move the handlers to a bean without advice.
 */
final class OnTriggerRegistrar implements DestructionAwareBeanPostProcessor {

    private final ObjectProvider<TriggerRegistry> registry;
    private final Map<Class<?>, List<String>> actionsByType = new ConcurrentHashMap<>();
    /** Action to the name of the bean that handles it. */
    private final Map<String, String> owners = new ConcurrentHashMap<>();
    private final Map<String, Registration> registrations = new ConcurrentHashMap<>();

    OnTriggerRegistrar(ObjectProvider<TriggerRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        List<String> actions = actionsOf(bean);
        if (actions.isEmpty()) {
            return bean;
        }
        if (bean.getClass() != ClassUtils.getUserClass(bean)) {
            throw new BeanInitializationException("Bean '" + beanName + "' has @OnTrigger methods " + actions
                    + " but is a proxy (" + bean.getClass().getName() + "), whose methods carry no annotations: "
                    + "move the handlers to a bean without AOP advice");
        }
        claim(actions, beanName);
        try {
            registrations.put(beanName, registry.getObject().register(bean));
        } catch (IllegalStateException e) {
            release(beanName);
            throw new BeanInitializationException("@OnTrigger actions " + actions + " of bean '" + beanName
                    + "': " + e.getMessage() + " (by code calling TriggerRegistry.on or register); an action has "
                    + "exactly one handler", e);
        } catch (IllegalArgumentException e) {
            release(beanName);
            throw new BeanInitializationException("@OnTrigger methods of bean '" + beanName + "': " + e.getMessage(),
                    e);
        }
        return bean;
    }

    @Override
    public boolean requiresDestruction(Object bean) {
        return !actionsOf(bean).isEmpty();
    }

    @Override
    public void postProcessBeforeDestruction(Object bean, String beanName) {
        Registration registration = registrations.remove(beanName);
        if (registration != null) {
            registration.cancel();
        }
        release(beanName);
    }

    /** Record {@code beanName} as the handler of each action, or fail naming the bean that handles one already. */
    private void claim(List<String> actions, String beanName) {
        List<String> claimed = new ArrayList<>();
        for (String action : actions) {
            String other = owners.putIfAbsent(action, beanName);
            if (other != null) {
                claimed.forEach(owners::remove);
                throw new BeanInitializationException("@OnTrigger action '" + action + "' is handled by two beans, '"
                        + other + "' and '" + beanName + "': an action has exactly one handler; remove one, or give "
                        + "them different actions");
            }
            claimed.add(action);
        }
    }

    private void release(String beanName) {
        owners.values().removeIf(beanName::equals);
    }

    /** The actions of the bean's {@code @OnTrigger} methods (those of the user class, behind a proxy). */
    private List<String> actionsOf(Object bean) {
        return actionsByType.computeIfAbsent(ClassUtils.getUserClass(bean), type -> {
            List<String> actions = new ArrayList<>();
            ReflectionUtils.doWithMethods(type, method -> actions.add(action(method)),
                    method -> method.isAnnotationPresent(OnTrigger.class));
            return List.copyOf(actions);
        });
    }

    private static String action(Method method) {
        return Objects.requireNonNull(method.getAnnotation(OnTrigger.class), "@OnTrigger").value();
    }
}
