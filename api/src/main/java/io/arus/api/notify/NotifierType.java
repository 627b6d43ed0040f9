package io.arus.api.notify;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/** Sets the {@value Notifier#TYPE_PROPERTY} service property: {@code @NotifierType("slack")}. */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface NotifierType {
    /** Makes the property name {@code arus.notifier.type}. */
    String PREFIX_ = "arus.";

    /** @return the notifier type key, lower case */
    String value();
}
