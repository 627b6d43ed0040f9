/**
 * Typed configuration: the field specification a plugin type publishes ({@link io.arus.api.config.ConfigSpec}),
 * its validation, and the validated values a plugin receives ({@link io.arus.api.config.Config}).
 * <p>
 * The console draws its forms from a spec, the REST API validates against it, and fields marked secret are
 * encrypted at rest and never returned or logged by the server. A secret sent back masked is kept only while no
 * field that {@linkplain io.arus.api.config.ConfigField#bindsSecrets() binds secrets} (host, port, URL, TLS) changed.
 */
@Export
@Version("1.2.0")
package io.arus.api.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
