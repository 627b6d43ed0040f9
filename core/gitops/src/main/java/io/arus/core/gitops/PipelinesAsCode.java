package io.arus.core.gitops;

import io.arus.core.service.Actor;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Pipelines as code: sources, destinations, notification targets and pipelines as one YAML document in which they
 * name each other (never ids). Secrets never leave: a stored reference ({@code ${env:NAME}}, {@code ${file:/path}})
 * is written as it is, a literal secret as the placeholder reference {@code ${env:SECRET_<KIND>_<NAME>_<FIELD>}};
 * applying that very placeholder to the object it was exported from keeps the stored secret.
 *
 * <p>Every method checks the actor's role: exporting, planning and applying need the editor role (an export shows
 * every configuration, references included), {@link #status()} none. The watched folder applies as the actor
 * {@code gitops}.
 */
@ProviderType
public interface PipelinesAsCode {
    /**
     * The YAML document of the current state, deterministic: objects sorted by name, keys in the model's order,
     * defaults written out, so exporting twice, or after applying an export, gives the same bytes.
     *
     * @param actor         who asks (editor or admin)
     * @param pipelineNames these pipelines and what they name (source, destination, depends_on pipelines, targets);
     *                      empty for everything
     * @return the document, UTF-8 text
     * @throws InvalidDocumentException when a named pipeline does not exist (path {@code pipelines[<name>]})
     */
    String export(Actor actor, Set<String> pipelineNames) throws InvalidDocumentException;

    /**
     * What {@link #apply} would change, changing nothing.
     *
     * @param actor who asks (editor or admin)
     * @param yaml  the desired state
     * @param prune also delete the objects the document does not name
     * @return the changes, empty when the document matches what is stored
     * @throws InvalidDocumentException when the document cannot be read or an object in it is invalid; nothing is
     *                                  changed then
     */
    ApplyPlan plan(Actor actor, String yaml, boolean prune) throws InvalidDocumentException;

    /**
     * Makes the stored state what the document says, all or nothing, in one transaction: creates, updates and, with
     * {@code prune}, deletes (pipelines before the connections and targets they use). Writes an audit entry per object
     * changed and one for the apply.
     *
     * @param actor who applies (editor or admin), as the audit log names it
     * @param yaml  the desired state
     * @param prune also delete the objects the document does not name
     * @return the changes made
     * @throws InvalidDocumentException when the document cannot be read or an object in it is invalid, with its
     *                                  field path; nothing is changed then
     */
    ApplyPlan apply(Actor actor, String yaml, boolean prune) throws InvalidDocumentException;

    /** @return the watched folder's state ({@code arus.pipelines.dir}); {@link ApplyStatus#dir()} null when off */
    ApplyStatus status();
}
