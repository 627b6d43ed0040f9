package io.arus.connector.files;

import io.arus.api.connector.CheckResult;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamWriter;
import io.arus.api.connector.WriteRequest;
import java.io.IOException;

/** One location's storage client, shared by the session's writers (the S3 client is thread-safe). */
final class FilesSession implements ConnectorSession {
    private final FilesSettings settings;
    private final Storage storage;

    FilesSession(FilesSettings settings) {
        this.settings = settings;
        this.storage = Storage.open(settings);
    }

    @Override
    public CheckResult check() {
        try {
            return CheckResult.ok(storage.check() + " reachable, writes " + settings.format().id());
        } catch (IOException | RuntimeException e) {
            return CheckResult.failed(settings.location() + ": " + e.getMessage());
        }
    }

    @Override
    public StreamWriter openWriter(WriteRequest request, StreamContext context) throws ConnectorException {
        return new FilesWriter(settings, storage, request, context);
    }

    @Override
    public void close() {
        storage.close();
    }
}
