/** The replace transform: replace text, exact or regex. Exports nothing; registers a Transform service. */
package io.arus.transform.replace;
