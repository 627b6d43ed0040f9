package io.arus.core.rest.internal;

import javax.ws.rs.core.Application;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/** The JAX-RS application every Arus resource joins, served under {@code /api}. */
@Component(service = Application.class)
@JaxrsApplicationBase("/api")
@JaxrsName(ArusApplication.NAME)
public final class ArusApplication extends Application {
    /** The application's name, selected by resources and extensions. */
    public static final String NAME = "arus";
    /** The filter resources and extensions use to join this application. */
    public static final String SELECT = "(osgi.jaxrs.name=" + NAME + ")";
}
