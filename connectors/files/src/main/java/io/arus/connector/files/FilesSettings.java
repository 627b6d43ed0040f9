package io.arus.connector.files;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.api.config.ConfigField;
import io.arus.api.config.ConfigSpec;
import io.arus.api.config.ConfigViolation;
import io.arus.api.config.FieldType;
import java.util.List;
import java.util.Locale;

/**
 * Where files live and how they are written, read from a validated {@link Config}.
 *
 * @param location     the folder or bucket and prefix
 * @param format       the file format
 * @param partitionBy  the partition columns, in path order
 * @param endpoint     the S3 endpoint URL, or empty for AWS
 * @param region       the S3 region
 * @param pathStyle    whether S3 buckets are addressed in the path rather than the host name
 * @param accessKey    the S3 access key, or empty for the SDK's default credentials; never logged
 * @param secretKey    the S3 secret key; never logged ({@link #toString()} masks it)
 * @param compression  the Parquet codec
 * @param csv          how CSV is written and read
 * @param rollRows     the rows after which a file is closed and the next one started
 * @param rollBytes    the bytes after which a file is closed and the next one started
 * @param glob         which files a source reads, relative to the location
 * @param columns      the columns a source gives its files (name type pairs), or empty to infer them
 * @param sampleRows   how many rows a source reads to infer the columns
 */
record FilesSettings(Location location, FileFormat format, List<PartitionColumn> partitionBy, String endpoint,
                     String region, boolean pathStyle, String accessKey, String secretKey, String compression,
                     CsvOptions csv, long rollRows, long rollBytes, String glob, List<String> columns, int sampleRows) {

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.builder("location", FieldType.STRING).label("Location").required().bindsSecrets()
                    .help("file:///path for a local folder, s3://bucket/prefix for object storage.").build(),
            ConfigField.builder("format", FieldType.ENUM).label("Format").options("parquet", "csv", "jsonl")
                    .defaultValue("parquet").build(),
            ConfigField.builder("partition_by", FieldType.LIST).label("Partition by")
                    .help("Columns that make Hive-style folders (col=value/); month(col) or day(col) for the month "
                            + "or day of a timestamp or date column.").build(),
            ConfigField.builder("endpoint", FieldType.URL).label("S3 endpoint")
                    .help("For S3-compatible storage (MinIO, s3proxy...); empty for AWS.").build(),
            ConfigField.builder("region", FieldType.STRING).label("S3 region").defaultValue("us-east-1").bindsSecrets()
                    .build(),
            ConfigField.builder("path_style", FieldType.BOOLEAN).label("Path-style S3 addressing").defaultValue(false)
                    .bindsSecrets().build(),
            ConfigField.builder("access_key", FieldType.SECRET).label("S3 access key")
                    .help("Empty for the AWS SDK's default credentials (environment, profile, instance role).").build(),
            ConfigField.builder("secret_key", FieldType.SECRET).label("S3 secret key").build(),
            ConfigField.builder("compression", FieldType.ENUM).label("Parquet compression").options("snappy", "zstd")
                    .defaultValue("snappy").build(),
            ConfigField.builder("csv_header", FieldType.BOOLEAN).label("CSV header line").defaultValue(true).build(),
            ConfigField.builder("csv_delimiter", FieldType.STRING).label("CSV delimiter").defaultValue(",").build(),
            ConfigField.builder("csv_quote", FieldType.STRING).label("CSV quote").defaultValue("\"").build(),
            ConfigField.builder("csv_null", FieldType.STRING).label("CSV NULL marker").defaultValue("\\N")
                    .help("How NULL is written; an empty field is the empty string.").build(),
            ConfigField.builder("roll_rows", FieldType.INT).label("Rows per file").defaultValue(1_000_000)
                    .range(1, Long.MAX_VALUE).build(),
            ConfigField.builder("roll_bytes", FieldType.INT).label("Bytes per file").defaultValue(128L << 20)
                    .range(1024, Long.MAX_VALUE).help("A file is closed once it holds about this many bytes.").build(),
            ConfigField.builder("glob", FieldType.STRING).label("Files to read (glob)").defaultValue("**")
                    .help("As a source: which files under the location, e.g. orders/*.csv; a folder under the "
                            + "location is a stream.").build(),
            ConfigField.builder("columns", FieldType.LIST).label("Columns (source)")
                    .help("As a source: 'name type' pairs, e.g. 'id int64'; empty to infer them from a sample.").build(),
            ConfigField.builder("sample_rows", FieldType.INT).label("Rows sampled to infer columns").defaultValue(1000)
                    .range(1, 1_000_000).build());

    /** @return the settings with the secret key masked */
    @Override
    public String toString() {
        return "FilesSettings[" + location + ", " + format.id() + ", partition_by=" + partitionBy + ", endpoint="
                + endpoint + ", region=" + region + ", path_style=" + pathStyle + ", access_key=" + (accessKey.isEmpty() ? "" : Config.MASK)
                + ", secret_key=" + (secretKey.isEmpty() ? "" : Config.MASK) + "]";
    }

    /**
     * @param config a configuration validated against {@link #SPEC}
     * @return the settings
     * @throws ConfigException when the location, format or a partition column cannot be read
     */
    static FilesSettings from(Config config) throws ConfigException {
        Location location;
        try {
            location = Location.parse(config.string("location"));
        } catch (IllegalArgumentException e) {
            throw violation("location", e.getMessage());
        }
        FileFormat format = FileFormat.of(config.string("format", "parquet"));
        List<PartitionColumn> partitions;
        try {
            partitions = config.list("partition_by").stream().map(PartitionColumn::parse).toList();
        } catch (IllegalArgumentException e) {
            throw violation("partition_by", e.getMessage());
        }
        String delimiter = config.string("csv_delimiter", ",");
        String quote = config.string("csv_quote", "\"");
        if (delimiter.length() != 1 || quote.length() != 1 || delimiter.equals(quote)) {
            throw violation("csv_delimiter", "the CSV delimiter and quote are one character each, and differ");
        }
        CsvOptions csv = new CsvOptions(config.bool("csv_header", true), delimiter.charAt(0), quote.charAt(0),
                config.string("csv_null", "\\N"));
        return new FilesSettings(location, format, partitions, config.string("endpoint", ""),
                config.string("region", "us-east-1"), config.bool("path_style", false), config.string("access_key", ""),
                config.string("secret_key", ""), config.string("compression", "snappy").toLowerCase(Locale.ROOT), csv,
                config.number("roll_rows", 1_000_000), config.number("roll_bytes", 128L << 20),
                config.string("glob", "**"), config.list("columns"), config.integer("sample_rows", 1000));
    }

    private static ConfigException violation(String field, String message) {
        return new ConfigException(List.of(new ConfigViolation(field, message)));
    }
}
