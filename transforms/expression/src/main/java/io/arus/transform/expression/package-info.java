/**
 * The expression sandbox shared by the add_column and filter transforms: JEXL expressions over a row's columns,
 * compiled once per run, evaluated without class access and within loop and time limits.
 */
@Export
@Version("1.0.0")
package io.arus.transform.expression;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
