/** The cast transform: cast columns to a logical type. Exports nothing; registers a Transform service. */
package io.arus.transform.cast;
