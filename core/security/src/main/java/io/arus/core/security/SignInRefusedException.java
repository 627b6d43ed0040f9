package io.arus.core.security;

/**
 * A sign-in through an identity provider failed. The message says what failed in words fit for the user; it never
 * holds a token, a code or the client secret.
 *
 * @since 1.2
 */
public class SignInRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what failed */
    public SignInRefusedException(String message) {
        super(message);
    }
}
