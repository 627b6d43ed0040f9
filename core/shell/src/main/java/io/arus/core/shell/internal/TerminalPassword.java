package io.arus.core.shell.internal;

import java.io.Console;
import java.util.Arrays;

/**
 * A password for a command: the one given with {@code --password} (scripts), else read from the server's terminal
 * without echo, so that it is neither shown nor kept in the shell's history.
 */
final class TerminalPassword {
    private TerminalPassword() {
    }

    static String read(String given, String prompt) {
        if (!given.isEmpty()) {
            return given;
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("no terminal to read a password from; give --password");
        }
        char[] typed = console.readPassword("%s: ", prompt);
        if (typed == null || typed.length == 0) {
            throw new IllegalArgumentException("no password given");
        }
        String password = new String(typed);
        Arrays.fill(typed, ' ');
        return password;
    }
}
