package io.arus.core.security.internal;

/** Usernames for accounts an identity provider signs in: the same characters the users API accepts. */
final class Usernames {
    private Usernames() {
    }

    /**
     * @param wanted    the provider's name for the user (preferred_username, email or sub)
     * @param subject   the provider's subject, for a name when nothing of {@code wanted} is usable
     * @param maxLength the longest result
     * @return letters, digits, '.', '_', '@' and '-' only, starting with a letter or digit
     */
    static String clean(String wanted, String subject, int maxLength) {
        StringBuilder name = new StringBuilder();
        for (char c : wanted.toCharArray()) {
            boolean plain = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '@' || c == '-');
            if (name.isEmpty() && !(c < 128 && Character.isLetterOrDigit(c))) {
                continue;
            }
            name.append(plain ? c : '_');
            if (name.length() == maxLength) {
                break;
            }
        }
        if (name.isEmpty()) {
            return "user-" + Integer.toHexString(subject.hashCode());
        }
        return name.toString();
    }
}
