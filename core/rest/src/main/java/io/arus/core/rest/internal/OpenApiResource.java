package io.arus.core.rest.internal;

import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3 document of this API, public like the health check. Swagger's class
 * path scanning sees nothing inside a bundle, so the resources are every {@code @Path} class this bundle holds in
 * its package, listed from the bundle's own entries: a resource added later is documented without a change here.
 * The document is made at the first request and kept: the classes cannot change while the bundle runs.
 */
@Component(service = OpenApiResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ArusApplication.SELECT)
@PublicEndpoint
@Path("openapi.json")
public final class OpenApiResource {
    private final Bundle bundle;
    private final String version;
    private byte[] document;

    @Activate
    public OpenApiResource(BundleContext context) {
        this.bundle = context.getBundle();
        String header = bundle.getHeaders().get("Arus-Version");
        this.version = header == null ? bundle.getVersion().toString() : header;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response document() {
        return Response.ok(json(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private synchronized byte[] json() {
        if (document == null) {
            document = OpenApiDocument.json(OpenApiDocument.generate(resourceClasses(bundle), version));
        }
        return document;
    }

    /** @return the {@code @Path} classes in this bundle's package (nested classes are not resources here) */
    static List<Class<?>> resourceClasses(Bundle bundle) {
        String folder = OpenApiResource.class.getPackageName().replace('.', '/');
        Enumeration<URL> entries = bundle.findEntries(folder, "*.class", false);
        List<Class<?>> resources = new ArrayList<>();
        for (URL entry : entries == null ? Collections.<URL>emptyList() : Collections.list(entries)) {
            String file = entry.getPath().substring(entry.getPath().lastIndexOf('/') + 1);
            if (file.contains("$")) {
                continue;
            }
            String name = OpenApiResource.class.getPackageName() + "." + file.substring(0, file.length() - ".class".length());
            try {
                Class<?> type = bundle.loadClass(name);
                if (type.isAnnotationPresent(Path.class)) {
                    resources.add(type);
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the bundle lists " + entry.getPath() + " but cannot load it", e);
            }
        }
        return resources;
    }
}
