package io.arus.core.security;

/** Credentials or a token were refused. The message never says which part was wrong. */
public class AuthenticationException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what to tell the caller */
    public AuthenticationException(String message) {
        super(message);
    }
}
