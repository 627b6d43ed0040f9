package io.arus.itest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;

/**
 * One Gogo session of the server's shell, kept open across commands as a terminal keeps it (a login lasts as long
 * as the session). Remembers which {@code arus:} commands it ran, so a test can check it ran them all.
 */
final class ShellSession implements AutoCloseable {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CommandSession session;
    private final Set<String> ran;

    ShellSession(CommandProcessor shell, Set<String> ran) {
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        this.session = shell.createSession(new ByteArrayInputStream(new byte[0]), print, print);
        this.ran = ran;
    }

    /** Runs a command line; answers what it printed and returned. */
    String run(String command) throws Exception {
        note(command);
        out.reset();
        Object result = session.execute(command);
        return out.toString(StandardCharsets.UTF_8) + (result == null ? "" : result.toString());
    }

    /** Runs a command line that must fail; answers the messages of the failure and its causes. */
    String refused(String command) {
        note(command);
        out.reset();
        try {
            Object result = session.execute(command);
            throw new AssertionError(command + " should have been refused, but answered: "
                    + out.toString(StandardCharsets.UTF_8) + result);
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            StringBuilder messages = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                messages.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
            }
            return messages.toString();
        }
    }

    private void note(String command) {
        String first = command.strip().split("\\s+")[0];
        if (first.startsWith("arus:")) {
            ran.add(first.substring(5).toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
