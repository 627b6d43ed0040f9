/** The rename transform: rename columns. Exports nothing; registers a Transform service. */
package io.arus.transform.rename;
