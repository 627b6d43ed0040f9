package io.arus.core.rest.internal;

import io.arus.api.connector.StreamDescriptor;
import io.arus.api.type.Field;
import io.arus.core.service.ConnectionTestResult;
import io.arus.core.service.SavedConnection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes of {@code /api/sources} and {@code /api/destinations}; requests bind ConnectionSpec. */
final class ConnectionViews {
    private ConnectionViews() {
    }

    /**
     * The request body of a test without saving: a type and a configuration, and optionally the id of the stored
     * connection whose secrets fill the fields sent as the mask. {@code name} is accepted and ignored, so that a
     * form can send what it has.
     */
    record ConnectionTestRequest(String id, String name, String type, Map<String, Object> config) {
    }

    /**
     * A stored connection: literal secrets masked, secret references shown as written. {@code available} is false
     * when its connector type is not installed.
     */
    record ConnectionView(String id, String name, String type, Map<String, Object> config, boolean available,
                          String createdBy, Instant createdAt, Instant updatedAt) {
        static ConnectionView of(SavedConnection saved) {
            return new ConnectionView(saved.id(), saved.spec().name(), saved.spec().type(), saved.spec().config(),
                    saved.available(), saved.createdBy(), saved.createdAt(), saved.updatedAt());
        }
    }

    /** The outcome of {@code POST .../{id}/test} and {@code POST .../test}. */
    record TestResult(boolean ok, String message, long latencyMs) {
        static TestResult of(ConnectionTestResult result) {
            return new TestResult(result.ok(), result.message(), result.latencyMs());
        }
    }

    /** One column of a discovered stream. */
    record ColumnView(String name, String type, String nativeType, boolean nullable) {
        static ColumnView of(Field field) {
            return new ColumnView(field.name(), field.type().toString(), field.nativeType(), field.nullable());
        }
    }

    /** One discovered stream. */
    record StreamView(String namespace, String name, List<ColumnView> columns, List<String> primaryKey,
                      List<String> cursorCandidates, Long rowEstimate) {
        static StreamView of(StreamDescriptor stream) {
            return new StreamView(stream.id().namespace(), stream.id().name(),
                    stream.schema().fields().stream().map(ColumnView::of).toList(), stream.primaryKey(),
                    stream.cursorCandidates(), stream.rowEstimate() < 0 ? null : stream.rowEstimate());
        }
    }

    /** The answer of {@code GET /api/sources/{id}/streams}. */
    record StreamsView(List<StreamView> streams) {
    }
}
