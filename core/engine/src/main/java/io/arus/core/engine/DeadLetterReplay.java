package io.arus.core.engine;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Writes dead letters to their pipeline's destination again, once the cause was fixed. */
@ProviderType
public interface DeadLetterReplay {
    /**
     * @param ids dead letters to replay; those already replayed are left alone
     * @return what happened to each
     */
    List<Outcome> replay(List<String> ids);

    /**
     * @param id       the dead letter
     * @param replayed whether the destination took the row now
     * @param reason   why not, when it did not
     */
    record Outcome(String id, boolean replayed, String reason) {
    }
}
