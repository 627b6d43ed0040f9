package io.arus.api.transform;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.api.plugin.TypeDescriptor;
import io.arus.api.type.Schema;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A transform type (rename columns, mask values, filter rows...). Register as an OSGi service with the
 * {@value #TYPE_PROPERTY} property, e.g. {@code @Component(service = Transform.class) @TransformType("mask")}.
 * A pipeline chains configured steps of such types between reader and writers.
 */
@ConsumerType
public interface Transform {
    /** The service property that names the transform type. */
    String TYPE_PROPERTY = "arus.transform.type";

    /** @return the type key, display name, version and configuration spec */
    TypeDescriptor descriptor();

    /**
     * Checks what can be checked without the input schema, when a pipeline is saved or a step is edited: an
     * expression that does not compile, a regular expression that is not valid. The spec's own checks (types,
     * required fields) have already passed.
     *
     * @param config the step configuration
     * @throws ConfigException naming each bad field, with the position in an expression where there is one
     */
    default void check(Config config) throws ConfigException {
    }

    /**
     * Prepares one step of a pipeline's chain, once per stream and run (or preview).
     *
     * @param config  the validated step configuration, secrets decrypted
     * @param input   the schema of the batches the step will receive
     * @param context the run the step works for
     * @return the step; the engine closes it when the stream ends
     * @throws ConfigException when the configuration does not fit the input (an unknown column)
     */
    TransformStep open(Config config, Schema input, TransformContext context) throws ConfigException;
}
