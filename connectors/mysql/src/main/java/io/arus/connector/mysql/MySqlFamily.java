package io.arus.connector.mysql;

import io.arus.api.config.ConfigSpec;
import io.arus.api.connector.Capability;
import io.arus.connector.jdbc.ConnectionSettings;
import java.util.EnumSet;
import java.util.Set;
import org.osgi.framework.FrameworkUtil;

/** What the mysql and mariadb connector types share: one dialect, one configuration, the same capabilities. */
final class MySqlFamily {
    static final int DEFAULT_PORT = 3306;
    static final MySqlDialect DIALECT = new MySqlDialect();
    static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(Capability.SOURCE, Capability.DESTINATION,
            Capability.INCREMENTAL, Capability.UPSERT));
    static final ConfigSpec SPEC = ConnectionSettings.spec(DEFAULT_PORT,
            new String[] {"disable", "require", "verify-ca", "verify-full"}, "disable",
            "require: TLS without certificate check; verify-ca: TLS with the server certificate checked; "
                    + "verify-full: also the host name. The driver has no opportunistic TLS, so there is no 'prefer'.");

    private MySqlFamily() {
    }

    static String bundleVersion() {
        var bundle = FrameworkUtil.getBundle(MySqlFamily.class);
        return bundle == null ? "0.0.0" : bundle.getVersion().toString();
    }
}
