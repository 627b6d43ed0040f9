/** The dedupe transform: deduplicate by key within a run. Exports nothing; registers a Transform service. */
package io.arus.transform.dedupe;
