package io.arus.connector.mysql;

import io.arus.api.config.ConfigSpec;
import io.arus.api.connector.Connector;
import io.arus.connector.jdbc.DatabaseFixture;
import java.sql.SQLException;

/** The test MariaDB (127.0.0.1:3306, arus/arus, arus_test) and a database of its own per test class. */
final class MyFixture extends DatabaseFixture {
    static final int PORT = 3306;

    MyFixture() throws SQLException {
        super("jdbc:mariadb://" + HOST + ":" + PORT + "/arus_test", PORT, "CREATE DATABASE %s CHARACTER SET utf8mb4",
                "DROP DATABASE IF EXISTS %s");
    }

    /** A fixture whose admin session reads and writes timestamps in the given zone offset. */
    static MyFixture inZone(String offset) throws SQLException {
        MyFixture db = new MyFixture();
        db.sql("SET time_zone = '" + offset + "'");
        return db;
    }

    @Override
    protected Connector connector() {
        return new MariaDbConnector();
    }

    @Override
    protected ConfigSpec spec() {
        return MySqlFamily.SPEC;
    }
}
