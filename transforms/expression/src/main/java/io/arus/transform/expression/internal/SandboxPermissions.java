package io.arus.transform.expression.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import org.apache.commons.jexl3.introspection.JexlPermissions;

/**
 * What an expression may reach by introspection: the public methods the function classes declare, and nothing
 * else. No constructor, no field, no method of a value (so no {@code x.getClass()}, no {@code ''.class}), no class
 * of the JDK. The stock JEXL permissions are not used: under them {@code x.getClass()} still returns a class.
 */
public final class SandboxPermissions implements JexlPermissions {
    private static final Set<Class<?>> FUNCTIONS = Set.of(StringFunctions.class, MathFunctions.class,
            DateFunctions.class, RegexFunctions.class, NullFunctions.class);

    @Override
    public boolean allow(Package pack) {
        return pack != null && pack.getName().equals(SandboxPermissions.class.getPackageName());
    }

    @Override
    public boolean allow(Class<?> clazz) {
        return FUNCTIONS.contains(clazz);
    }

    @Override
    public boolean allow(Constructor<?> constructor) {
        return false;
    }

    @Override
    public boolean allow(Field field) {
        return false;
    }

    @Override
    public boolean allow(Method method) {
        return FUNCTIONS.contains(method.getDeclaringClass()) && Modifier.isPublic(method.getModifiers())
                && !Modifier.isStatic(method.getModifiers());
    }

    @Override
    public JexlPermissions compose(String... src) {
        throw new UnsupportedOperationException("the expression sandbox's permissions cannot be widened");
    }
}
