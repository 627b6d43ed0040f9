/** The mask transform: mask values. Exports nothing; registers a Transform service. */
package io.arus.transform.mask;
