package io.arus.core.gitops.internal;

import java.util.Locale;

/**
 * The reference an export writes for a literal secret, which it never writes: {@code ${env:SECRET_<KIND>_<NAME>_<FIELD>}},
 * kind, name and field upper-cased with every character but A-Z and 0-9 made {@code _}. The prefix is not
 * {@code ARUS_}, which the services refuse in references. Applying exactly this reference to the object it was
 * exported from keeps the stored secret.
 */
public final class SecretPlaceholder {
    /** How every answer shows a literal secret. */
    public static final String MASK = "******";

    private SecretPlaceholder() {
    }

    /** @return e.g. {@code ${env:SECRET_SOURCE_ORDERS_DB_PASSWORD}} for source {@code orders-db}, field {@code password} */
    public static String of(Kind kind, String name, String field) {
        return "${env:SECRET_" + word(kind.name()) + "_" + word(name) + "_" + word(field) + "}";
    }

    /**
     * @return the placeholder of a pipeline's step secret, e.g. {@code ${env:SECRET_PIPELINE_SALES_PUBLIC_ORDERS_1_SALT}}
     *         for field {@code salt} of step 1 of stream {@code public.orders} of pipeline {@code sales}
     */
    public static String ofStep(String pipeline, String stream, int step, String field) {
        return of(Kind.PIPELINE, pipeline, stream + "_" + step + "_" + field);
    }

    private static String word(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c < 128 && Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }
}
