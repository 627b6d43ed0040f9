package io.arus.core.service.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.core.model.InvalidModelException;
import io.arus.core.security.ApiTokens;
import io.arus.core.security.IssuedApiToken;
import io.arus.core.service.Actor;
import io.arus.core.service.ForbiddenException;
import io.arus.core.service.NotFoundException;
import io.arus.core.store.ApiToken;
import io.arus.core.store.ApiTokenStore;
import io.arus.core.store.Role;
import io.arus.core.store.User;
import io.arus.core.store.UserStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserApiTokensTest {
    private static final Actor BOB = new Actor("bob", Role.VIEWER, null);
    private static final ApiToken ADAS = new ApiToken("t-ada", "u-ada", "deploy", "arus_abc", "h1", Instant.EPOCH, null, null);
    private static final ApiToken BOBS = new ApiToken("t-bob", "u-bob", "ci", "arus_def", "h2", Instant.EPOCH, null, null);

    private final List<String> events = new ArrayList<>();
    private final UserApiTokens tokens = new UserApiTokens(issuer(), store(), users(), Fakes.audit(events));

    @Test
    void everyoneSeesTheirOwnTokensAndAnAdminEveryones() {
        assertThat(tokens.list(BOB)).containsExactly(BOBS);
        assertThat(tokens.list(new Actor("ada", Role.ADMIN, null))).containsExactly(ADAS, BOBS);
        assertThat(tokens.list(new Actor("shell", Role.ADMIN, "shell"))).as("an admin that is no user").hasSize(2);
    }

    @Test
    void aTokenBelongsToTheActorsUserAndIsAuditedWithIt() {
        IssuedApiToken issued = tokens.create(BOB, "laptop", null);

        assertThat(issued.record().userId()).isEqualTo("u-bob");
        assertThat(events).containsExactly("audit token.create token:t-new laptop by bob");
    }

    @Test
    void anActorThatIsNoUserOwnsNoTokenAndBadArgumentsAreNamed() {
        assertThatThrownBy(() -> tokens.create(new Actor("shell", Role.ADMIN, "shell"), "x", null))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("log in as a user first");
        assertThatThrownBy(() -> tokens.create(BOB, "x", Instant.now().minusSeconds(1)))
                .isInstanceOfSatisfying(InvalidModelException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("expires_at"));
        assertThatThrownBy(() -> tokens.create(BOB, " ", null)).isInstanceOf(InvalidModelException.class);
        assertThat(events).isEmpty();
    }

    @Test
    void someoneElsesTokenIsUnknownToANonAdminAndRevokedByAnAdmin() {
        assertThatThrownBy(() -> tokens.revoke(BOB, "t-ada")).isInstanceOf(NotFoundException.class)
                .hasMessage("no API token t-ada");
        tokens.revoke(new Actor("ada", Role.ADMIN, null), "t-bob");
        assertThat(events).containsExactly("deleted t-bob", "audit token.delete token:t-bob ci by ada");
    }

    private ApiTokens issuer() {
        return Fakes.of(ApiTokens.class, Map.of("create", a -> new IssuedApiToken("arus_secret",
                new ApiToken("t-new", (String) a[0], (String) a[1], "arus_sec", "h3", Instant.EPOCH, null, (Instant) a[2]))));
    }

    private ApiTokenStore store() {
        return Fakes.of(ApiTokenStore.class, Map.of(
                "listAll", a -> List.of(ADAS, BOBS),
                "list", a -> List.of(ADAS, BOBS).stream().filter(t -> t.userId().equals(a[0])).toList(),
                "byId", a -> List.of(ADAS, BOBS).stream().filter(t -> t.id().equals(a[0])).findFirst(),
                "delete", a -> events.add("deleted " + a[0])));
    }

    private static UserStore users() {
        return Fakes.of(UserStore.class, Map.of("byUsername", a -> switch ((String) a[0]) {
            case "ada" -> Optional.of(new User("u-ada", "ada", "h", Role.ADMIN, Instant.EPOCH, Instant.EPOCH));
            case "bob" -> Optional.of(new User("u-bob", "bob", "h", Role.VIEWER, Instant.EPOCH, Instant.EPOCH));
            default -> Optional.empty();
        }));
    }
}
