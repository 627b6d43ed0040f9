/** The filter transform: keep rows matching an expression. Exports nothing; registers a Transform service. */
package io.arus.transform.filter;
