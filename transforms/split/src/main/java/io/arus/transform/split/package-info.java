/** The split transform: split a column into columns or an array. Exports nothing; registers a Transform service. */
package io.arus.transform.split;
