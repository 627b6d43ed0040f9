package io.arus.connector.mysql;

import io.arus.api.connector.ConnectorException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the server must have for change capture: a binlog in ROW format with full row images and full row metadata
 * (the table-map events then carry the column names, so no DDL parser and no schema history are needed), and no
 * compression the binlog client cannot read.
 */
final class BinlogRequirements {
    private static final List<String> VARIABLES = List.of("log_bin", "binlog_format", "binlog_row_image",
            "binlog_row_metadata", "log_bin_compress", "binlog_transaction_compression");

    private BinlogRequirements() {
    }

    /**
     * @param connection a connection to the server
     * @throws ConnectorException CONFIGURATION saying what to set, when the server lacks something
     * @throws SQLException       when the variables cannot be read
     */
    static void check(Connection connection) throws ConnectorException, SQLException {
        Map<String, String> values = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW GLOBAL VARIABLES WHERE Variable_name IN ('"
                     + String.join("', '", VARIABLES) + "')")) {
            while (rows.next()) {
                values.put(rows.getString(1).toLowerCase(Locale.ROOT), rows.getString(2));
            }
        }
        List<String> problems = problems(values);
        if (!problems.isEmpty()) {
            throw new ConnectorException(ConnectorException.Kind.CONFIGURATION, message(problems));
        }
    }

    /**
     * @param variables the server's global variables (lower-case names), as SHOW GLOBAL VARIABLES answers them
     * @return each setting that is missing or wrong, as what to set; empty when the server can be captured
     */
    static List<String> problems(Map<String, String> variables) {
        List<String> problems = new ArrayList<>();
        if (!isOn(variables.get("log_bin"))) {
            problems.add("log_bin (the binlog is off: start the server with log_bin and a server_id)");
        }
        expect(variables, "binlog_format", "ROW", problems);
        expect(variables, "binlog_row_image", "FULL", problems);
        // MySQL before 8.0.1 and MariaDB before 10.5 have no row metadata at all: the column names are missing
        expect(variables, "binlog_row_metadata", "FULL", problems);
        if (isOn(variables.get("log_bin_compress"))) {
            problems.add("log_bin_compress = OFF (compressed MariaDB binlog events cannot be read)");
        }
        if (isOn(variables.get("binlog_transaction_compression"))) {
            problems.add("binlog_transaction_compression = OFF (compressed MySQL transactions cannot be read)");
        }
        return problems;
    }

    /** @return the refusal, naming every setting at once so that one restart fixes them all */
    static String message(List<String> problems) {
        return "the server's binlog cannot be captured; set " + String.join(", ", problems)
                + " (SET GLOBAL or the server's configuration file; log_bin needs a restart)";
    }

    private static void expect(Map<String, String> variables, String name, String wanted, List<String> problems) {
        String value = variables.get(name);
        if (!wanted.equalsIgnoreCase(value)) {
            problems.add(name + " = " + wanted + " (it is " + (value == null ? "not available" : value) + ")");
        }
    }

    private static boolean isOn(String value) {
        return value != null && (value.equalsIgnoreCase("ON") || value.equals("1"));
    }
}
