package io.arus.transform.python;

import io.arus.api.transform.TransformContext;
import io.arus.api.transform.TransformException;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@code python3 -u runner.py} process: started with an empty environment plus the configured variables, fed one
 * length-prefixed frame per request, its stderr copied line by line to the run log on a thread, and killed when a
 * request passes its timeout or the run stops.
 */
final class RunnerProcess implements AutoCloseable {
    /** The environment a runner gets besides the configured variables (so that Python itself works in UTF-8). */
    static final Map<String, String> BASE_ENVIRONMENT = Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8");
    private static final int MAX_LOG_LINE = 4000;
    private static final long WATCH_MILLIS = 100;

    private final Process process;
    private final Path script;
    private final DataOutputStream toRunner;
    private final DataInputStream fromRunner;
    private final TransformContext context;
    private final Thread stderrPump;
    private final Thread watchdog;
    private volatile long deadline = Long.MAX_VALUE;
    private volatile String killedBecause;
    private volatile boolean closed;

    private RunnerProcess(Process process, Path script, TransformContext context) {
        this.process = process;
        this.script = script;
        this.context = context;
        this.toRunner = new DataOutputStream(process.getOutputStream());
        this.fromRunner = new DataInputStream(process.getInputStream());
        this.stderrPump = daemon("python-stderr-" + process.pid(), () -> pumpStderr(process.getErrorStream()));
        this.watchdog = daemon("python-watchdog-" + process.pid(), this::watch);
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Starts a runner.
     *
     * @param environment the configured variables, the only ones the runner gets besides {@link #BASE_ENVIRONMENT}
     * @param context     the run, for the log and the stop signal
     * @return the running process
     * @throws TransformException when python3 cannot be started
     */
    static RunnerProcess start(Map<String, String> environment, TransformContext context) throws TransformException {
        Path script = null;
        try {
            script = Files.createTempFile("arus-python-runner-", ".py");
            try (InputStream source = RunnerProcess.class.getResourceAsStream("runner.py")) {
                Files.copy(source, script, StandardCopyOption.REPLACE_EXISTING);
            }
            ProcessBuilder builder = new ProcessBuilder(List.of(python(), "-u", script.toString()));
            builder.environment().clear();
            builder.environment().putAll(BASE_ENVIRONMENT);
            builder.environment().putAll(environment);
            return new RunnerProcess(builder.start(), script, context);
        } catch (IOException e) {
            deleteQuietly(script);
            throw new TransformException("cannot start python3 (install Debian's python3): " + e.getMessage(), e);
        }
    }

    /** @return Debian's /usr/bin/python3 when present, else python3 as found on the server's PATH */
    private static String python() {
        Path debian = Path.of("/usr/bin/python3");
        return Files.isExecutable(debian) ? debian.toString() : "python3";
    }

    /** @return the process id, for the log */
    long pid() {
        return process.pid();
    }

    /**
     * Sends a request frame and waits for the answer frame, within the timeout.
     *
     * @param request        the request, UTF-8 JSON
     * @param timeoutSeconds how long the runner may take
     * @param doing          what the request is, for messages ("transforming a batch")
     * @return the answer, UTF-8 JSON
     * @throws TransformException when the runner dies, times out or the run stops; the process is killed then
     */
    byte[] exchange(byte[] request, int timeoutSeconds, String doing) throws TransformException {
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        try {
            toRunner.writeInt(request.length);
            toRunner.write(request);
            toRunner.flush();
            int length = fromRunner.readInt();
            byte[] answer = new byte[length];
            fromRunner.readFully(answer);
            return answer;
        } catch (IOException e) {
            throw failure(timeoutSeconds, doing, e);
        } finally {
            deadline = Long.MAX_VALUE;
        }
    }

    private TransformException failure(int timeoutSeconds, String doing, IOException cause) {
        String reason = killedBecause;
        if (reason == null) {
            try {
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return new TransformException("python runner stopped answering while " + doing + ": "
                            + cause.getMessage(), cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            waitForStderr();
            return new TransformException("python runner exited with code " + process.exitValue() + " while " + doing,
                    cause);
        }
        return new TransformException(reason.equals("timeout")
                ? "python runner timed out after " + timeoutSeconds + " s while " + doing + "; it was killed"
                : "python runner killed while " + doing + ": the run was stopped", cause);
    }

    private void watch() {
        while (!closed && process.isAlive()) {
            if (deadline != Long.MAX_VALUE) {
                if (System.nanoTime() > deadline) {
                    kill("timeout");
                } else if (context.isStopped()) {
                    kill("stopped");
                }
            }
            try {
                Thread.sleep(WATCH_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void kill(String reason) {
        killedBecause = reason;
        process.destroyForcibly();
    }

    private void pumpStderr(InputStream stderr) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                String shown = line.length() > MAX_LOG_LINE ? line.substring(0, MAX_LOG_LINE) + " [cut]" : line;
                context.log(Level.INFO, "python: " + shown);
            }
        } catch (IOException | UncheckedIOException e) {
            // the process ended: nothing more to copy
        }
    }

    private void waitForStderr() {
        try {
            stderrPump.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes stdin so the runner ends, waits briefly, then kills it; removes the script. */
    @Override
    public void close() {
        closed = true;
        try {
            toRunner.close();
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } finally {
            watchdog.interrupt();
            waitForStderr();
            deleteQuietly(script);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover temporary file is harmless
            }
        }
    }
}
