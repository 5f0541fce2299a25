package dev.shoplink.host.plugins;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import org.pf4j.Plugin;
import org.pf4j.PluginFactory;
import org.pf4j.PluginWrapper;

/**
 * Creates a plugin's {@code Plugin-Class} like PF4J's default factory, but says why it cannot
 * (a {@link PluginLoadException} with a sentence) instead of logging and returning null, which
 * PF4J then turns into a NullPointerException while starting the plugin.
 */
final class ReportingPluginFactory implements PluginFactory {

    @Override
    public Plugin create(PluginWrapper wrapper) {
        String name = wrapper.getDescriptor().getPluginClass();
        if (name == null || name.isBlank()) {
            name = Plugin.class.getName(); // PF4J's own default: a plugin without a class of its own
        }
        Class<?> type;
        try {
            type = wrapper.getPluginClassLoader().loadClass(name);
        } catch (ClassNotFoundException e) {
            throw new PluginLoadException("its plugin class " + name + " (Plugin-Class / plugin.class) is not in the archive");
        } catch (LinkageError e) {
            throw new PluginLoadException("its plugin class " + name + " cannot be loaded: " + PluginLoader.sentence(e));
        }
        if (!Plugin.class.isAssignableFrom(type) || type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new PluginLoadException("its plugin class " + name + " is not a concrete subclass of org.pf4j.Plugin");
        }
        try {
            Constructor<?> constructor;
            Object[] arguments;
            try {
                constructor = type.getConstructor(PluginWrapper.class);
                arguments = new Object[] {wrapper};
            } catch (NoSuchMethodException e) {
                constructor = type.getConstructor();
                arguments = new Object[0];
            }
            return (Plugin) constructor.newInstance(arguments);
        } catch (NoSuchMethodException e) {
            throw new PluginLoadException("its plugin class " + name + " has no public constructor without parameters");
        } catch (InvocationTargetException e) {
            throw new PluginLoadException("the constructor of its plugin class " + name + " failed: "
                    + PluginLoader.sentence(e.getCause()));
        } catch (ExceptionInInitializerError e) {
            throw new PluginLoadException("its plugin class " + name + " failed while initializing: "
                    + PluginLoader.sentence(e.getCause() != null ? e.getCause() : e));
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new PluginLoadException("its plugin class " + name + " cannot be created: " + PluginLoader.sentence(e));
        }
    }
}
