/** The concat transform: concatenate columns. Exports nothing; registers a Transform service. */
package io.arus.transform.concat;
