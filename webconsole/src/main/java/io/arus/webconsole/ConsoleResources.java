package io.arus.webconsole;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardResource;

/**
 * Serves the console's static files (under {@code static/} in this bundle) at {@code /}. Everything the page
 * needs comes from this bundle: no CDN.
 */
@Component(service = ConsoleResources.class)
@HttpWhiteboardResource(pattern = "/*", prefix = "/static")
public final class ConsoleResources {
}
