package io.arus.connector.duckdb;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.api.config.ConfigField;
import io.arus.api.config.ConfigSpec;
import io.arus.api.config.FieldType;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where the database file is and which schema is the default one.
 *
 * @param file   the database file, absolute and normalized
 * @param schema the schema of streams that name none (writes) and of a target namespace left empty
 */
record DuckDbSettings(Path file, String schema) {
    static final String PATH = "path";
    static final String SCHEMA = "schema";

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.builder(PATH, FieldType.STRING).label("Database file").required()
                    .help("The DuckDB file, created when missing. A relative path is inside the server's data folder"
                            + " (e.g. analytics.duckdb); an absolute path may be anywhere the server can write.")
                    .build(),
            ConfigField.builder(SCHEMA, FieldType.STRING).label("Schema").defaultValue("main")
                    .help("The schema of tables whose pipeline names no target namespace.").build());

    /**
     * @param config  a configuration validated against {@link #SPEC}
     * @param dataDir the server's data folder, which relative paths are resolved against
     * @return the settings
     * @throws ConfigException when the path is not a path
     */
    static DuckDbSettings from(Config config, Path dataDir) throws ConfigException {
        String path = config.string(PATH).strip();
        try {
            Path file = Path.of(path);
            if (path.isEmpty() || file.getFileName() == null) {
                throw new InvalidPathException(path, "names no file");
            }
            Path absolute = (file.isAbsolute() ? file : dataDir.resolve(file)).toAbsolutePath().normalize();
            String schema = config.string(SCHEMA, "main").strip();
            return new DuckDbSettings(absolute, schema.isEmpty() ? "main" : schema);
        } catch (InvalidPathException e) {
            throw new ConfigException(PATH, "is not a file path: " + e.getMessage());
        }
    }
}
