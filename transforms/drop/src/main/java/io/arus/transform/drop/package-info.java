/** The drop transform: drop columns. Exports nothing; registers a Transform service. */
package io.arus.transform.drop;
