-- Metadata schema, version 9 (H2). Keep in step with ../postgresql/V9__stream_schemas.sql.
-- The columns each stream had on its last run ("name type" strings in a JSON array), compared by the next run to
-- announce schema changes. Servers before this one kept them in stream_offsets as a split named 'schema' holding
-- {"columns":[...]}: those rows move here (the array cut out of the object Jackson wrote, without spaces), and a
-- real split may be called 'schema' from now on.
CREATE TABLE stream_schemas (
    pipeline_id VARCHAR(36) NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
    stream VARCHAR(500) NOT NULL,
    columns_json TEXT NOT NULL,
    updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (pipeline_id, stream)
);

INSERT INTO stream_schemas (pipeline_id, stream, columns_json, updated_at)
SELECT pipeline_id, stream, SUBSTRING(offset_json FROM 12 FOR CHAR_LENGTH(offset_json) - 12), updated_at
FROM stream_offsets
WHERE split_id = 'schema' AND offset_json LIKE '{"columns":[%]}';

DELETE FROM stream_offsets WHERE split_id = 'schema';
