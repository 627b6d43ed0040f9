package io.arus.connector.files;

import io.arus.api.connector.BatchLimit;
import io.arus.api.connector.CheckResult;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.Split;
import io.arus.api.connector.StreamDescriptor;
import io.arus.api.connector.StreamReader;
import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamWriter;
import io.arus.api.connector.WriteRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One location's storage client, shared by the session's readers and writers (the S3 client is thread-safe). As a
 * source it finds its streams by listing the location ({@link SourceStream}) each time it discovers or opens a reader.
 */
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
            return CheckResult.ok(storage.check() + " reachable, " + settings.format().id() + " files");
        } catch (IOException | RuntimeException e) {
            return CheckResult.failed(settings.location() + ": " + e.getMessage());
        }
    }

    @Override
    public List<StreamDescriptor> discover() throws ConnectorException {
        List<StreamDescriptor> streams = new ArrayList<>();
        try {
            for (SourceStream stream : SourceStream.find(storage, settings)) {
                streams.add(stream.describe(storage, settings));
            }
        } catch (IOException e) {
            throw new ConnectorException(Kind.CONNECTION, settings.location() + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ConnectorException(Kind.CONFIGURATION, e.getMessage(), e);
        }
        return streams;
    }

    @Override
    public StreamReader openReader(ReadRequest request, Split split, StreamContext context) throws ConnectorException {
        try {
            SourceStream stream = SourceStream.find(storage, settings).stream()
                    .filter(s -> s.name().equals(request.stream().name())).findFirst()
                    .orElse(new SourceStream(request.stream().name(), List.of()));
            return new FilesReader(settings, storage, stream, stream.columns(storage, settings),
                    FileOffset.from(request.startOffset()), BatchLimit.of(request), context);
        } catch (IOException e) {
            throw new ConnectorException(Kind.CONNECTION, settings.location() + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ConnectorException(Kind.CONFIGURATION, e.getMessage(), e);
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
