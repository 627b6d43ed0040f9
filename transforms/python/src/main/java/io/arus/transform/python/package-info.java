/** The python transform: Python step in a runner process. Exports nothing; registers a Transform service. */
package io.arus.transform.python;
