/** The add_column transform: add a column (constant or expression). Exports nothing; registers a Transform service. */
package io.arus.transform.addcolumn;
