package io.arus.core.gitops.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.core.gitops.ApplyPlan.Action;
import io.arus.core.gitops.ApplyPlan.Change;
import io.arus.core.gitops.InvalidDocumentException;
import io.arus.core.model.InvalidModelException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {
    @Test
    void everythingIsCreatedConnectionsFirstAndPipelinesAfterTheirUpstream() throws Exception {
        List<Change> changes = Planner.plan(new State(), Documents.desired(Documents.EXAMPLE), (k, n) -> false);

        assertThat(changes).extracting(c -> c.kind() + " " + c.name() + " " + c.action()).containsExactly(
                "source shop-db CREATE", "destination warehouse CREATE", "notification_target ops CREATE",
                "pipeline orders CREATE", "pipeline order-totals CREATE");
    }

    @Test
    void anUnchangedDocumentPlansNothing() throws Exception {
        State server = Documents.desired(Documents.EXAMPLE);
        assertThat(Planner.plan(server, Documents.desired(Documents.EXAMPLE), (k, n) -> true)).isEmpty();
    }

    @Test
    void anUpdateNamesTheChangedFieldPaths() throws Exception {
        State server = Documents.desired(Documents.EXAMPLE);
        String edited = Documents.EXAMPLE.replace("cron: 0 0 * * * ?", "cron: 0 30 * * * ?")
                .replace("cursor_field: updated_at", "cursor_field: changed_at").replace("port: 5432", "port: 5433");

        List<Change> changes = Planner.plan(server, Documents.desired(edited), (k, n) -> false);

        assertThat(changes).containsExactly(
                new Change("source", "shop-db", Action.UPDATE, List.of("config.port")),
                new Change("pipeline", "orders", Action.UPDATE, List.of("streams[0].cursor_field", "schedule.cron")));
    }

    @Test
    void pruneDeletesPipelinesBeforeWhatTheyUsedAndOnlyWhatItMay() throws Exception {
        State server = Documents.desired(Documents.EXAMPLE);
        State empty = new State();

        assertThat(Planner.plan(server, empty, (k, n) -> false)).isEmpty();
        assertThat(Planner.plan(server, empty, (k, n) -> true)).extracting(c -> c.kind() + " " + c.name())
                .containsExactly("pipeline order-totals", "pipeline orders", "notification_target ops",
                        "destination warehouse", "source shop-db");
        assertThat(Planner.plan(server, empty, (k, n) -> n.equals("order-totals")))
                .containsExactly(new Change("pipeline", "order-totals", Action.DELETE, List.of()));
    }

    @Test
    void aReferenceToNothingOrToWhatPruningDeletesIsNamedByItsPath() throws Exception {
        State desired = Documents.desired(Documents.EXAMPLE.replace("destination: warehouse\n    schedule",
                "destination: nowhere\n    schedule"));
        assertThatThrownBy(() -> Planner.plan(new State(), desired, (k, n) -> false))
                .isInstanceOfSatisfying(InvalidModelException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field()).containsExactly("pipelines[orders].destination"));

        State server = Documents.desired(Documents.EXAMPLE);
        State withoutTarget = Documents.desired(Documents.EXAMPLE.replaceAll("(?s)notification_targets:.*?pipelines:",
                "pipelines:"));
        assertThatThrownBy(() -> Planner.plan(server, withoutTarget, (k, n) -> true))
                .isInstanceOfSatisfying(InvalidModelException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field()).containsExactly("pipelines[orders].notifications[0].target"));
        assertThat(Planner.plan(server, withoutTarget, (k, n) -> false)).isEmpty();
    }

    @Test
    void aCycleOfDependenciesIsRefused() throws Exception {
        State desired = Documents.desired(Documents.EXAMPLE.replace("    notifications:\n",
                "    depends_on: [order-totals]\n    notifications:\n"));
        assertThatThrownBy(() -> Planner.plan(new State(), desired, (k, n) -> false))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("cycle");
    }

    @Test
    void aModelErrorNamesTheObjectTheFieldPathAndTheLine() {
        String bad = Documents.EXAMPLE.replace("cursor_field: updated_at", "cursor_field: 12");
        assertThatThrownBy(() -> Documents.desired(bad))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> {
                    assertThat(e.violations()).extracting(InvalidDocumentException.Violation::field)
                            .containsExactly("pipelines[orders].streams[0].cursor_field");
                    assertThat(e.violations().get(0).line()).isEqualTo(29);
                    assertThat(e.getMessage()).contains("line 29");
                });
        assertThatThrownBy(() -> Documents.desired(Documents.EXAMPLE.replace("sync_mode: full_refresh",
                "sync_mode: sometimes").replace("batch", "batch")))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.violations())
                        .extracting(InvalidDocumentException.Violation::field)
                        .containsExactly("pipelines[orders].streams[1].sync_mode"));
        assertThatThrownBy(() -> Documents.desired(Documents.EXAMPLE.replace("source: shop-db\n    destination: warehouse\n    schedule",
                "source_id: x\n    destination: warehouse\n    schedule")))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.violations())
                        .extracting(InvalidDocumentException.Violation::field)
                        .contains("pipelines[orders].source_id", "pipelines[orders].source"));
    }

    @Test
    void anExportedSecretPlaceholderPlansNoChange() throws Exception {
        // the server shows a literal secret masked; its form is the placeholder, which the document gives back
        State server = new State();
        server.put(Kind.SOURCE, "shop-db", Canonical.connection(Kind.SOURCE, new io.arus.core.model.ConnectionSpec(
                "shop-db", "postgresql", java.util.Map.of("host", "db", "password", "******"))));
        String document = DocumentWriter.write(server);
        assertThat(document).contains("password: \"${env:SECRET_SOURCE_SHOP_DB_PASSWORD}\"").doesNotContain("******");
        assertThat(Planner.plan(server, Documents.desired(document), (k, n) -> false)).isEmpty();
    }
}
