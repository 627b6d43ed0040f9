/**
 * The shared JDBC machinery of Arus' SQL connectors. A database bundle implements a {@link io.arus.connector.jdbc.Dialect}
 * (quoting, the type mapping as a {@link io.arus.connector.jdbc.TypeMappingTable}, the DataSource, catalog queries,
 * the bulk-load strategy as a {@link io.arus.connector.jdbc.RowLoader}) and hands it to a
 * {@link io.arus.connector.jdbc.JdbcSession}; keyset paging, offsets, discovery, batching, DDL and the write modes
 * live here once.
 */
@Export
@Version("1.2.0")
package io.arus.connector.jdbc;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
