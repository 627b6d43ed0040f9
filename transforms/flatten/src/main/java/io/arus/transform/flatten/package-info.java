/** The flatten transform: JSON column to typed columns. Exports nothing; registers a Transform service. */
package io.arus.transform.flatten;
