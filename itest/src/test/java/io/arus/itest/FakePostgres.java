package io.arus.itest;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An attacker's PostgreSQL on 127.0.0.1: it answers an SSL request with "no", asks for the password in clear text
 * after the startup message, and keeps every byte it is sent, so a test can tell whether a password reached it.
 */
final class FakePostgres implements AutoCloseable {
    private static final int SSL_REQUEST = 80_877_103;
    private static final int GSS_REQUEST = 80_877_104;

    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final Thread acceptor;

    FakePostgres() throws IOException {
        socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "fake-postgres");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    /** @return everything clients sent, as ISO-8859-1 so that any byte sequence survives */
    String received() {
        synchronized (received) {
            return received.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private void accept() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                connections.incrementAndGet();
                client.setSoTimeout(5_000);
                converse(new DataInputStream(client.getInputStream()), client.getOutputStream());
            } catch (SocketException | EOFException e) {
                // closed by the test or by the client
            } catch (IOException e) {
                // a client that gives up is fine: what it sent is kept
            }
        }
    }

    private void converse(DataInputStream in, OutputStream out) throws IOException {
        // untyped messages first (SSL/GSS request, startup), then typed ones (the password message)
        while (true) {
            int length = in.readInt();
            byte[] body = in.readNBytes(length - 4);
            keep(ByteBuffer.allocate(4).putInt(length).array(), body);
            int code = ByteBuffer.wrap(body, 0, 4).getInt();
            if (code == SSL_REQUEST || code == GSS_REQUEST) {
                out.write('N');
                out.flush();
                continue;
            }
            break;
        }
        // AuthenticationCleartextPassword: the client answers with its password as it is
        out.write(new byte[] {'R', 0, 0, 0, 8, 0, 0, 0, 3});
        out.flush();
        byte[] buffer = new byte[4096];
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
            keep(java.util.Arrays.copyOf(buffer, n));
        }
    }

    private void keep(byte[]... parts) {
        synchronized (received) {
            for (byte[] part : parts) {
                received.writeBytes(part);
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
