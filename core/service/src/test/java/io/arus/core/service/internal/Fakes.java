package io.arus.core.service.internal;

import io.arus.core.store.AuditEntry;
import io.arus.core.store.AuditLog;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Fakes of the stores and engine the administration services call, recording what happened in one list. */
final class Fakes {
    private Fakes() {
    }

    /**
     * @param answers what each method named answers, given its arguments; any other method fails the test
     * @return an implementation of {@code type}
     */
    static <T> T of(Class<T> type, Map<String, Function<Object[], Object>> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Function<Object[], Object> answer = answers.get(method.getName());
            if (answer == null) {
                throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName() + " is not expected here");
            }
            return answer.apply(args == null ? new Object[0] : args);
        }));
    }

    /** An audit log that notes {@code audit <action> <target> <detail> by <actor>} and runs changes as they come. */
    static AuditLog audit(List<String> events) {
        return new AuditLog() {
            @Override
            public AuditEntry record(String actor, String action, String target, String detail, String clientAddress) {
                events.add("audit " + action + " " + target + " " + detail + " by " + actor);
                return null;
            }

            @Override
            public <T, E extends Exception> T atomically(Change<T, E> change) throws E {
                return change.run();
            }

            @Override
            public List<AuditEntry> list(int limit, int offset) {
                return List.of();
            }
        };
    }
}
