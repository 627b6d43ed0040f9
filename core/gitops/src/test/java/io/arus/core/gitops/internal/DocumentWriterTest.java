package io.arus.core.gitops.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class DocumentWriterTest {
    @Test
    void writesSectionsInOrderObjectsByNameAndDefaultsOut() throws Exception {
        String yaml = DocumentWriter.write(Documents.desired(Documents.EXAMPLE));

        assertThat(yaml.indexOf("sources:")).isLessThan(yaml.indexOf("destinations:"));
        assertThat(yaml.indexOf("destinations:")).isLessThan(yaml.indexOf("notification_targets:"));
        assertThat(yaml.indexOf("name: order-totals")).isLessThan(yaml.indexOf("name: orders"));
        assertThat(yaml).contains("batch_size: 10000", "parallelism: 2", "sync_mode: incremental",
                "sync_mode: full_refresh", "target_namespace: analytics", "enabled: true", "depends_on:\n",
                "password: \"${env:SHOP_DB_PASSWORD}\"");
        assertThat(yaml).doesNotContain("source_id", "target_id", ": null");
    }

    @Test
    void writingWhatWasReadGivesTheSameBytesWhateverTheOrderOfTheInput() throws Exception {
        String once = DocumentWriter.write(Documents.desired(Documents.EXAMPLE));
        String twice = DocumentWriter.write(Documents.desired(once));
        assertThat(twice).isEqualTo(once);

        String shuffled = """
                pipelines:
                  - streams: [{name: public.totals}]
                    depends_on: [orders]
                    destination: warehouse
                    source: shop-db
                    name: order-totals
                  - name: orders
                    streams:
                      - {cursor_field: updated_at, name: public.orders}
                      - {name: public.customers, sync_mode: FULL_REFRESH}
                    notifications: [{events: [run_failed], target: ops}]
                    schedule: {cron: "0 0 * * * ?"}
                    destination: warehouse
                    source: shop-db
                notification_targets:
                  - {name: ops, type: webhook, config: {url: "https://hooks.example.com/ops"}}
                destinations:
                  - {name: warehouse, type: clickhouse, config: {url: "http://127.0.0.1:8123"}}
                sources:
                  - name: shop-db
                    type: postgresql
                    config: {port: 5432, password: "${env:SHOP_DB_PASSWORD}", host: 127.0.0.1}
                """;
        assertThat(DocumentWriter.write(Documents.desired(shuffled))).isEqualTo(once);
    }

    @Test
    void stringsThatLookLikeOtherValuesStayStrings() throws Exception {
        State state = new State();
        ObjectNode source = JsonNodeFactory.instance.objectNode();
        source.put("name", "tricky");
        source.put("type", "postgresql");
        ObjectNode config = source.putObject("config");
        for (String text : new String[] {"true", "no", "null", "~", "123", "1.5", "0x1F", "", " padded ", "a: b",
                "- item", "#comment", "multi\nline", "${env:X}", "'quoted'", "\"dq\"", "1_000", "1:20", ".inf", "+1", "-2", "0o17", "yes", "on", "off", "y", "NULL", "True", "2026-12-05"}) {
            config.put("k" + config.size(), text);
        }
        config.put("number", 42);
        config.put("flag", false);
        state.put(Kind.SOURCE, "tricky", source);

        String yaml = DocumentWriter.write(state);
        ObjectNode back = DocumentReader.read(null, yaml).state().get(Kind.SOURCE, "tricky");
        assertThat(back).isEqualTo(source);
    }

    @Test
    void anEmptyStateIsAnEmptyMapping() throws Exception {
        String yaml = DocumentWriter.write(new State());
        assertThat(DocumentReader.read(null, yaml).state().of(Kind.PIPELINE)).isEmpty();
    }
}
