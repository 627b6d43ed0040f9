package io.arus.api.transform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/** Sets the {@value Transform#TYPE_PROPERTY} service property: {@code @TransformType("mask")}. */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface TransformType {
    /** Makes the property name {@code arus.transform.type}. */
    String PREFIX_ = "arus.";

    /** @return the transform type key, lower case */
    String value();
}
