package io.arus.core.rest.internal;

import io.arus.api.record.Offset;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /api/pipelines/{id}/state} answers.
 *
 * @param pipelineId the pipeline
 * @param streams    where each stream resumes, by stream then split: {@code {"version": 1, "values": {...}}}
 * @param schemas    the columns each stream's last run saw ({@code "name type"}), by stream: a run compares the
 *                   source's columns with them to announce a schema change
 * @param changeFeeds what the source keeps for each change-capture stream, asked now (PostgreSQL: the slot, whether
 *                   it is active, its WAL status, the WAL it retains); a stream whose feed is gone has an empty entry
 */
record PipelineStateView(String pipelineId, Map<String, Map<String, Offset>> streams,
                         Map<String, List<String>> schemas, Map<String, Map<String, Object>> changeFeeds) {
}
