package io.arus.core.gitops.internal;

/** Documents the tests share. */
final class Documents {
    static final String EXAMPLE = """
            sources:
              - name: shop-db
                type: postgresql
                config:
                  host: 127.0.0.1
                  port: 5432
                  password: ${env:SHOP_DB_PASSWORD}
            destinations:
              - name: warehouse
                type: clickhouse
                config:
                  url: http://127.0.0.1:8123
            notification_targets:
              - name: ops
                type: webhook
                config:
                  url: https://hooks.example.com/ops
            pipelines:
              - name: orders
                source: shop-db
                destination: warehouse
                schedule:
                  cron: 0 0 * * * ?
                notifications:
                  - target: ops
                    events: [run_failed]
                streams:
                  - name: public.orders
                    cursor_field: updated_at
                  - name: public.customers
                    sync_mode: full_refresh
              - name: order-totals
                source: shop-db
                destination: warehouse
                depends_on: [orders]
                streams:
                  - name: public.totals
            """;

    private Documents() {
    }

    /** @return the example read and put in its canonical form */
    static State desired(String text) throws Exception {
        return PipelinesAsCodeService.desired(DocumentReader.read(null, text));
    }
}
