/** The hash transform: SHA-256 with a salt. Exports nothing; registers a Transform service. */
package io.arus.transform.hash;
