package io.arus.api.connector;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Sets the {@value Connector#TYPE_PROPERTY} service property on a Declarative Services component:
 * {@code @ConnectorType("postgresql")}.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ConnectorType {
    /** Makes the property name {@code arus.connector.type}. */
    String PREFIX_ = "arus.";

    /** @return the connector type key, lower case */
    String value();
}
