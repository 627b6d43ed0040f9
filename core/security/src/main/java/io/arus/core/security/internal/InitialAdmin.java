package io.arus.core.security.internal;

import io.arus.core.security.PasswordHasher;
import io.arus.core.store.AuditLog;
import io.arus.core.store.ConflictException;
import io.arus.core.store.Role;
import io.arus.core.store.User;
import io.arus.core.store.UserStore;
import java.security.SecureRandom;
import java.util.Base64;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the first start (no user at all), creates the user {@code admin} with {@code ARUS_ADMIN_PASSWORD}, or with a
 * random password printed once to the log.
 */
@Component(immediate = true, service = {})
public final class InitialAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(InitialAdmin.class);

    @Activate
    public InitialAdmin(BundleContext context, @Reference UserStore users, @Reference PasswordHasher hasher,
                        @Reference AuditLog audit) {
        if (!users.list().isEmpty()) {
            return;
        }
        // the framework property serves tests, which cannot set the environment of the framework they run in
        String configured = context.getProperty("arus.admin.password") != null ? context.getProperty("arus.admin.password")
                : System.getenv("ARUS_ADMIN_PASSWORD");
        boolean generated = configured == null || configured.isBlank();
        String password = generated ? randomPassword() : configured;
        String hash = hasher.hash(password);
        try {
            audit.atomically(() -> {
                User admin = users.create("admin", hash, Role.ADMIN);
                audit.record("system", "user.create", "user:" + admin.id(), "first start: initial administrator", null);
                return admin;
            });
        } catch (ConflictException e) {
            return; // another node of the cluster created it first
        }
        if (generated) {
            LOG.warn("First start: created user 'admin' with password {}  (shown once; change it, or set "
                    + "ARUS_ADMIN_PASSWORD before the first start)", password);
        } else {
            LOG.info("First start: created user 'admin' with the password from ARUS_ADMIN_PASSWORD");
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
