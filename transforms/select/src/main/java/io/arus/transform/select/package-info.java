/** The select transform: keep only the listed columns. Exports nothing; registers a Transform service. */
package io.arus.transform.select;
