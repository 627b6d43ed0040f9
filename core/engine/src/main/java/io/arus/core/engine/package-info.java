/**
 * The pipeline engine: what a pipeline's definition means ({@link io.arus.core.engine.PipelineDefinition}) and
 * how runs are started and controlled ({@link io.arus.core.engine.RunService}). Each selected stream runs as
 * reader, bounded queue, transform chain, writer, flush, offset; the offset of a batch is stored only after the
 * destination flushed it, so a resumed run loses nothing and, in upsert mode, duplicates nothing.
 */
@Export
@Version("2.7.0")
package io.arus.core.engine;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
