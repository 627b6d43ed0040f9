package io.arus.core.service.internal;

import io.arus.core.security.ApiTokens;
import io.arus.core.security.IssuedApiToken;
import io.arus.core.service.Actor;
import io.arus.core.service.ApiTokenService;
import io.arus.core.service.ForbiddenException;
import io.arus.core.service.NotFoundException;
import io.arus.core.store.ApiToken;
import io.arus.core.store.ApiTokenStore;
import io.arus.core.store.AuditLog;
import io.arus.core.store.Role;
import io.arus.core.store.User;
import io.arus.core.store.UserStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link ApiTokenService}: the actor's user owns the tokens it creates. */
@Component(service = ApiTokenService.class)
public final class UserApiTokens implements ApiTokenService {
    private final ApiTokens issuer;
    private final ApiTokenStore tokens;
    private final UserStore users;
    private final AuditLog audit;

    @Activate
    public UserApiTokens(@Reference ApiTokens issuer, @Reference ApiTokenStore tokens, @Reference UserStore users,
                                @Reference AuditLog audit) {
        this.issuer = issuer;
        this.tokens = tokens;
        this.users = users;
        this.audit = audit;
    }

    @Override
    public List<ApiToken> list(Actor actor) {
        if (actor.role() == Role.ADMIN) {
            return tokens.listAll();
        }
        return user(actor).map(u -> tokens.list(u.id())).orElse(List.of());
    }

    @Override
    public IssuedApiToken create(Actor actor, String name, Instant expiresAt) {
        String checked = FieldChecks.text(name, "name", 100);
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw FieldChecks.invalid("expires_at", "must be in the future");
        }
        User owner = user(actor).orElseThrow(() -> new ForbiddenException(actor.username()
                + " is no user of the server and cannot own an API token; log in as a user first"));
        return audit.atomically(() -> {
            IssuedApiToken created = issuer.create(owner.id(), checked, expiresAt);
            audit.record(actor.username(), "token.create", "token:" + created.record().id(), checked, actor.address());
            return created;
        });
    }

    @Override
    public void revoke(Actor actor, String id) {
        Optional<String> ownerId = user(actor).map(User::id);
        ApiToken token = (id == null || id.length() > 64 ? Optional.<ApiToken>empty() : tokens.byId(id))
                .filter(t -> actor.role() == Role.ADMIN || ownerId.filter(t.userId()::equals).isPresent())
                .orElseThrow(() -> new NotFoundException("no API token " + id));
        audit.atomically(() -> {
            tokens.delete(token.id());
            audit.record(actor.username(), "token.delete", "token:" + token.id(), token.name(), actor.address());
            return null;
        });
    }

    private Optional<User> user(Actor actor) {
        return users.byUsername(actor.username());
    }
}
