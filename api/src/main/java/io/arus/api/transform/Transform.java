package io.arus.api.transform;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.api.plugin.TypeDescriptor;
import io.arus.api.type.Schema;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A transform type (rename columns, mask values, filter rows...). Register as an OSGi service with the
 * {@value #TYPE_PROPERTY} property, e.g. {@code @Component(service = Transform.class) @TransformType("mask")}.
 * A pipeline chains configured steps of such types between reader and writer.
 */
@ConsumerType
public interface Transform {
    /** The service property that names the transform type. */
    String TYPE_PROPERTY = "arus.transform.type";

    /** @return the type key, display name, version and configuration spec */
    TypeDescriptor descriptor();

    /**
     * Prepares one step of a pipeline's chain.
     *
     * @param config the validated step configuration
     * @param input  the schema of the batches the step will receive
     * @return the step
     * @throws ConfigException when the configuration does not fit the input (an unknown column)
     */
    TransformStep open(Config config, Schema input) throws ConfigException;
}
