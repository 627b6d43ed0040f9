package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Every {@code arus:} command of the Gogo shell, run through the command processor as the server's terminal runs
 * it, checked against what the API and the databases then show: the shell calls the services REST calls, with the
 * same role checks and audit entries. The last test fails when a command exists that no test ran, or that has no
 * help.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShellParityTest {
    private static final String ID = UUID.randomUUID().toString().substring(0, 8);
    private static final String SCHEMA = "sh_src_" + ID;
    private static final String TARGET = "sh_dst_" + ID;
    private static final String SOURCE = "sh-src-" + ID;
    private static final String DESTINATION = "sh-dst-" + ID;
    private static final String PIPELINE = "sh-pipe-" + ID;
    private static final Pattern CREATED = Pattern.compile("created: (\\S+)");
    private static final Set<String> RAN = new ConcurrentSkipListSet<>();

    static ArusServer server;
    static String pipelineId;
    static String runId;
    static Path work;

    @InjectService
    CommandProcessor processor;

    @InjectBundleContext
    BundleContext context;

    @BeforeAll
    static void setUp() throws Exception {
        server = ArusServer.await();
        work = Files.createTempDirectory("shell-parity");
        // two codes too long for the target column: the run ends with two dead letters
        Sql.postgres("arus_test", "CREATE SCHEMA " + SCHEMA + "; CREATE TABLE " + SCHEMA + ".codes (id bigint PRIMARY KEY,"
                + " code text NOT NULL, updated_at timestamptz NOT NULL);"
                + " INSERT INTO " + SCHEMA + ".codes SELECT g, CASE WHEN g IN (7, 42) THEN 'much-too-long-code-' || g"
                + " ELSE 'c' || g END, now() FROM generate_series(1, 100) g;"
                + " CREATE SCHEMA " + TARGET + "; CREATE TABLE " + TARGET + ".codes (id bigint PRIMARY KEY,"
                + " code varchar(8) NOT NULL, updated_at timestamptz NOT NULL);");
    }

    @AfterAll
    static void tearDown() throws Exception {
        Sql.postgres("arus_test", "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE; DROP SCHEMA IF EXISTS " + TARGET + " CASCADE");
    }

    @Test
    @Order(1)
    void sourcesDestinationsAndPipelinesMadeInTheShellAreTheApisAndTheirRunsDeadLettersAndStateFollow() throws Exception {
        try (ShellSession shell = new ShellSession(processor, RAN)) {
            assertThat(shell.run("arus:whoami")).as("the terminal acts as the admin 'shell'").contains("shell (admin)");

            String sourceId = created(shell.run("arus:sourcecreate --name " + SOURCE + " --type postgresql host=127.0.0.1"
                    + " port=5432 database=arus_test username=arus password=arus"));
            JsonNode source = server.json("/api/sources/" + sourceId);
            assertThat(source.path("name").asText()).isEqualTo(SOURCE);
            assertThat(source.path("config").path("port").isInt()).as("port typed by the connector's spec").isTrue();
            assertThat(source.path("config").path("password").asText()).isEqualTo("******");
            assertThat(source.path("created_by").asText()).isEqualTo("shell");
            String shown = shell.run("arus:source " + SOURCE);
            assertThat(shown).contains("id: " + sourceId).contains("name: " + SOURCE).contains("password: '******'")
                    .doesNotContain("password: arus");
            assertThat(shell.run("arus:sources")).contains(sourceId).contains(SOURCE).contains("postgresql");
            assertThat(shell.run("arus:sourcetest " + SOURCE)).startsWith("ok (");
            assertThat(shell.run("arus:sourcestreams " + SOURCE)).contains(SCHEMA + ".codes");

            Path destinationFile = work.resolve("destination.yaml");
            Files.writeString(destinationFile, "name: " + DESTINATION + "\ntype: postgresql\nconfig:\n  host: 127.0.0.1\n"
                    + "  port: 5432\n  database: arus_test\n  username: arus\n  password: arus\n");
            String destinationId = created(shell.run("arus:destinationcreate --file " + destinationFile));
            assertThat(server.json("/api/destinations/" + destinationId).path("name").asText()).isEqualTo(DESTINATION);
            assertThat(shell.run("arus:destination " + destinationId)).contains("name: " + DESTINATION)
                    .contains("password: '******'");
            assertThat(shell.run("arus:destinations")).contains(DESTINATION);
            assertThat(shell.run("arus:destinationtest " + DESTINATION)).startsWith("ok (");

            Path pipelineFile = work.resolve("pipeline.yaml");
            Files.writeString(pipelineFile, "name: " + PIPELINE + "\nsource_id: " + sourceId + "\ndestination_id: "
                    + destinationId + "\ntarget_namespace: " + TARGET + "\nbatch_size: 50\nstreams:\n  - name: " + SCHEMA
                    + ".codes\n    sync_mode: incremental\n");
            pipelineId = created(shell.run("arus:pipelinecreate " + pipelineFile));
            assertThat(server.json("/api/pipelines/" + pipelineId).path("name").asText()).isEqualTo(PIPELINE);
            assertThat(shell.run("arus:pipelines")).contains(pipelineId).contains(PIPELINE).contains("never run");
            assertThat(shell.run("arus:pipeline " + PIPELINE)).contains("target_namespace: " + TARGET)
                    .contains("source_id: " + sourceId).contains("batch_size: 50");

            assertThat(shell.run("arus:disable " + PIPELINE)).contains("disabled");
            assertThat(server.json("/api/pipelines/" + pipelineId).path("enabled").asBoolean()).isFalse();
            assertThat(shell.run("arus:enable " + pipelineId)).contains("enabled");
            assertThat(server.json("/api/pipelines/" + pipelineId).path("enabled").asBoolean()).isTrue();

            Matcher started = Pattern.compile("run (\\S+) of " + PIPELINE + " started").matcher(shell.run("arus:run " + PIPELINE));
            assertThat(started.find()).isTrue();
            runId = started.group(1);
            JsonNode run = server.awaitMatch("/api/runs/" + runId, Duration.ofMinutes(3),
                    r -> r.path("ended_at").isTextual(), "the shell's run should end");
            assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded_with_warnings");
            assertThat(run.path("trigger").asText()).isEqualTo("shell");
            assertThat(audit("pipeline.run", "pipeline:" + pipelineId)).as("audited under the shell's name")
                    .contains("shell: " + PIPELINE + ", trigger shell");

            assertThat(shell.run("arus:status " + runId)).contains("succeeded_with_warnings").contains(SCHEMA + ".codes");
            assertThat(shell.run("arus:runs " + PIPELINE)).contains(runId).contains(PIPELINE);
            assertThat(shell.run("arus:runs --status succeeded_with_warnings --limit 500")).contains(runId);
            assertThat(shell.run("arus:runs --status failed " + PIPELINE)).doesNotContain(runId).contains("0 runs");
            String log = shell.run("arus:log " + runId);
            assertThat(log.lines().count()).isGreaterThan(1);
            assertThat(shell.run("arus:log --level warn " + runId).lines())
                    .allSatisfy(line -> assertThat(line).containsAnyOf(" WARN ", " ERROR "));
            assertThat(shell.run("arus:log --grep " + SCHEMA + " " + runId).lines()).isNotEmpty()
                    .allSatisfy(line -> assertThat(line).contains(SCHEMA));

            String letters = shell.run("arus:deadletters " + runId);
            assertThat(letters).contains("2 dead letters");
            assertThat(letters.split("waiting", -1)).hasSize(3);
            Sql.postgres("arus_test", "ALTER TABLE " + TARGET + ".codes ALTER COLUMN code TYPE text");
            assertThat(shell.run("arus:replay --run " + runId)).contains("2 replayed, 0 refused again");
            assertThat(Sql.postgres("arus_test", "SELECT count(*) FROM " + TARGET + ".codes")).isEqualTo("100");
            assertThat(server.json("/api/dead-letters?run_id=" + runId))
                    .allSatisfy(letter -> assertThat(letter.path("replayed_at").isTextual()).isTrue());
            assertThat(shell.run("arus:deadletters " + runId)).doesNotContain("waiting");
            assertThat(audit("dead_letters.replay", "run:" + runId)).contains("shell: 2 dead letter(s) to replay");

            assertThat(server.json("/api/pipelines/" + pipelineId + "/state").path("streams").size()).isPositive();
            assertThat(shell.run("arus:reset " + PIPELINE)).contains("reset");
            assertThat(server.json("/api/pipelines/" + pipelineId + "/state").path("streams").size()).isZero();
        }
    }

    @Test
    @Order(2)
    void aRunningRunIsPausedResumedAndCancelledFromTheShellEachAuditedBeforeItActs() throws Exception {
        String schema = "sh_big_" + ID;
        String target = "sh_big_dst_" + ID;
        Sql.postgres("arus_test", "CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".rows (id bigint PRIMARY KEY,"
                + " note text NOT NULL, updated_at timestamptz NOT NULL); INSERT INTO " + schema + ".rows SELECT g,"
                + " 'note ' || g, now() FROM generate_series(1, 1000000) g;");
        try (ShellSession shell = new ShellSession(processor, RAN)) {
            String sourceId = idOf("/api/sources", SOURCE);
            Path file = work.resolve("big.yaml");
            Files.writeString(file, "{\"name\": \"sh-big-" + ID + "\", \"source_id\": \"" + sourceId + "\", \"destination_id\": \""
                    + idOf("/api/destinations", DESTINATION) + "\", \"target_namespace\": \"" + target + "\", \"batch_size\": 5000,"
                    + " \"streams\": [{\"name\": \"" + schema + ".rows\", \"sync_mode\": \"full_refresh\"}]}");
            String bigId = created(shell.run("arus:pipelinecreate " + file));
            Matcher started = Pattern.compile("run (\\S+) of").matcher(shell.run("arus:run sh-big-" + ID));
            assertThat(started.find()).isTrue();
            String running = started.group(1);
            server.awaitJson("/api/runs/" + running, Duration.ofSeconds(60),
                    r -> r.path("streams").size() > 0 && r.path("streams").get(0).path("rows_written").asLong() > 0,
                    "the run should write its first batches");

            assertThat(shell.run("arus:pause " + running)).isEqualTo("run " + running + ": paused\n");
            assertThat(server.json("/api/runs/" + running).path("status").asText()).isEqualTo("paused");
            assertThat(shell.refused("arus:pause " + running)).contains("only a running run can pause");
            assertThat(shell.run("arus:resume " + running)).contains(": running");
            assertThat(shell.run("arus:cancel " + running)).contains("run " + running);
            JsonNode ended = server.awaitMatch("/api/runs/" + running, Duration.ofSeconds(60),
                    r -> r.path("ended_at").isTextual(), "the cancelled run should end");
            assertThat(ended.path("status").asText()).isEqualTo("cancelled");
            assertThat(Long.parseLong(Sql.postgres("arus_test", "SELECT count(*) FROM " + target + ".rows")))
                    .as("cancelled before the end").isLessThan(1_000_000);
            assertThat(shell.refused("arus:cancel " + running)).contains("already ended");
            for (String action : List.of("run.pause", "run.resume", "run.cancel")) {
                assertThat(audit(action, "run:" + running)).as(action).containsExactly("shell: ");
            }

            assertThat(shell.run("arus:pipelinedelete sh-big-" + ID)).contains("deleted");
            assertThat(server.get("/api/pipelines/" + bigId).statusCode()).isEqualTo(404);
        } finally {
            Sql.postgres("arus_test", "DROP SCHEMA IF EXISTS " + schema + " CASCADE; DROP SCHEMA IF EXISTS " + target + " CASCADE");
        }
    }

    @Test
    @Order(3)
    void aNotificationTargetIsCreatedShownMaskedTestedAndDeleted() throws Exception {
        List<String> posts = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            posts.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String name = "sh-hook-" + ID;
        try (ShellSession shell = new ShellSession(processor, RAN)) {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook-" + ID;
            String id = created(shell.run("arus:targetcreate --name " + name + " --type webhook url=" + url
                    + " secret=shell-hook-secret-" + ID));
            assertThat(server.json("/api/notification-targets/" + id).path("name").asText()).isEqualTo(name);
            String shown = shell.run("arus:target " + name);
            assertThat(shown).contains("name: " + name).contains("secret: '******'").contains("url: '******'")
                    .doesNotContain("shell-hook-secret-")
                    .doesNotContain("/hook-" + ID);
            assertThat(shell.run("arus:targets")).contains(name).contains("webhook");
            assertThat(shell.run("arus:targettest " + name)).isEqualTo("delivered\n");
            assertThat(posts).anySatisfy(post -> assertThat(post).startsWith("POST /hook-" + ID));
            assertThat(shell.run("arus:targetdelete " + id)).contains("deleted");
            assertThat(server.get("/api/notification-targets/" + id).statusCode()).isEqualTo(404);
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    @Order(4)
    void aLoggedInViewerIsRefusedChangesWithTheApisMessageAndUsersAndTokensFollowTheShell() throws Exception {
        String username = "sh-viewer-" + ID;
        try (ShellSession admin = new ShellSession(processor, RAN); ShellSession viewer = new ShellSession(processor, RAN)) {
            String userId = created(admin.run("arus:usercreate --role viewer --password viewer-pass-" + ID + " " + username));
            assertThat(server.json("/api/users/" + userId).path("role").asText()).isEqualTo("viewer");
            assertThat(admin.run("arus:users")).contains(username).contains("viewer");
            assertThat(audit("user.create", "user:" + userId)).containsExactly("shell: " + username + " as viewer");

            assertThat(viewer.refused("arus:login --password wrong-password " + username)).contains("wrong username or password");
            assertThat(viewer.run("arus:login --password viewer-pass-" + ID + " " + username))
                    .isEqualTo("logged in as " + username + " (viewer)\n");
            assertThat(viewer.run("arus:whoami")).isEqualTo(username + " (viewer)\n");
            assertThat(viewer.run("arus:sources")).as("viewers read").contains(SOURCE);
            assertThat(viewer.refused("arus:sourcedelete " + SOURCE)).contains("this needs the editor role");
            assertThat(server.json("/api/sources").findValuesAsText("name")).as("not deleted").contains(SOURCE);
            assertThat(viewer.refused("arus:run " + PIPELINE)).contains("this needs the editor role");
            assertThat(viewer.refused("arus:users")).contains("this needs the admin role");
            assertThat(viewer.refused("arus:settingset itest.shell.refused x")).contains("this needs the admin role");
            assertThat(server.json("/api/settings").has("itest.shell.refused")).isFalse();

            String issued = viewer.run("arus:tokencreate ci-" + ID);
            Matcher token = Pattern.compile("API token (\\S+) created; it is shown this once:\\n(\\S+)").matcher(issued);
            assertThat(token.find()).as(issued).isTrue();
            HttpResponse<String> me = server.send("GET", "/api/me", null, token.group(2));
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(ArusServer.JSON.readTree(me.body()).path("username").asText()).isEqualTo(username);
            assertThat(viewer.run("arus:tokens")).contains("ci-" + ID).doesNotContain(token.group(2));
            assertThat(viewer.run("arus:tokenrevoke " + token.group(1))).contains("revoked");
            assertThat(server.send("GET", "/api/me", null, token.group(2)).statusCode()).isEqualTo(401);

            assertThat(admin.run("arus:userrole " + username + " editor")).contains("is editor");
            assertThat(viewer.refused("arus:whoami")).as("a role change ends the shell's login as it ends sessions")
                    .contains("were ended");
            assertThat(viewer.run("arus:whoami")).isEqualTo("shell (admin)\n");
            assertThat(viewer.run("arus:login --password viewer-pass-" + ID + " " + username)).contains("(editor)");
            assertThat(admin.run("arus:userpassword --password renewed-pass-" + ID + " " + username)).contains("reset");
            assertThat(server.login(username, "renewed-pass-" + ID)).isNotEmpty();
            assertThat(viewer.run("arus:login --password renewed-pass-" + ID + " " + username)).contains("(editor)");
            assertThat(viewer.run("arus:logout")).contains("logged out " + username);
            assertThat(viewer.run("arus:whoami")).isEqualTo("shell (admin)\n");
            assertThat(audit("auth.logout", "user:" + userId)).contains(username + ": shell session");

            assertThat(admin.run("arus:userdelete " + username)).contains("deleted");
            assertThat(server.get("/api/users/" + userId).statusCode()).isEqualTo(404);
            assertThat(admin.refused("arus:tokencreate shell-token")).contains("log in as a user first");
        }
    }

    @Test
    @Order(5)
    void settingsAreReadAndSetThroughTheSettingsService() throws Exception {
        try (ShellSession shell = new ShellSession(processor, RAN)) {
            assertThat(shell.run("arus:settingset itest.shell.note hello-" + ID)).isEqualTo("itest.shell.note = hello-" + ID + "\n");
            assertThat(server.json("/api/settings").path("itest.shell.note").asText()).isEqualTo("hello-" + ID);
            assertThat(shell.run("arus:setting itest.shell.note")).isEqualTo("hello-" + ID + "\n");
            assertThat(shell.run("arus:settings")).contains("itest.shell.note").contains("hello-" + ID);
            assertThat(shell.refused("arus:settingset Bad-Key x")).contains("is not a valid setting key");
            assertThat(audit("settings.update", null)).contains("shell: itest.shell.note");
        }
    }

    @Test
    @Order(6)
    void aPluginIsInstalledFromAFileOnThisMachineAndUninstalledButNeverDownloaded() throws Exception {
        String file = "shell-generator-" + ID + ".jar";
        Path copy = work.resolve(file);
        Files.copy(Path.of(context.getProperty("arus.itest.generator.jar")), copy, StandardCopyOption.REPLACE_EXISTING);
        try (ShellSession shell = new ShellSession(processor, RAN)) {
            assertThat(shell.run("arus:plugininstall " + copy.toUri())).startsWith("installed " + file + " (");
            server.awaitJson("/api/plugins", Duration.ofSeconds(30), list -> {
                for (JsonNode plugin : list) {
                    if (file.equals(plugin.path("file").asText()) && "active".equals(plugin.path("state").asText())) {
                        return true;
                    }
                }
                return false;
            }, file + " should become active");
            assertThat(shell.run("arus:plugins")).contains(file).contains("active");
            assertThat(shell.run("arus:connectors")).contains("generator");
            assertThat(shell.run("arus:transforms")).contains("TYPE");
            assertThat(shell.run("arus:notifiers")).contains("webhook");
            assertThat(shell.run("arus:pluginuninstall " + file)).startsWith("uninstalled ");
            assertThat(server.json("/api/plugins").findValuesAsText("file")).doesNotContain(file);
            assertThat(shell.refused("arus:plugininstall https://example.com/" + file)).contains("downloads no plugins");
            assertThat(shell.refused("arus:pluginuninstall io.arus.core.rest")).contains("no plugin");
        }
    }

    @Test
    @Order(7)
    void exportAndApplyGoThroughPipelinesAsCode() throws Exception {
        try (ShellSession shell = new ShellSession(processor, RAN)) {
            assertThat(shell.run("arus:export")).contains(SOURCE).contains(DESTINATION).contains(PIPELINE)
                    .doesNotContain("password: arus");
            assertThat(shell.run("arus:pipelineyaml " + PIPELINE)).contains(PIPELINE).contains(SOURCE);
            Path exported = work.resolve("exported.yaml");
            assertThat(shell.run("arus:export --out " + exported + " " + PIPELINE)).contains("exported to");
            assertThat(shell.run("arus:apply --dry-run " + exported)).contains("no change").contains("plan: 0 to create");
            assertThat(shell.run("arus:apply " + exported)).contains("applied: 0 to create, 0 to update, 0 to delete");

            Path broken = work.resolve("broken.yaml");
            String yaml = Files.readString(exported);
            assertThat(yaml).contains("batch_size: 50");
            Files.writeString(broken, yaml.replace("batch_size: 50", "batch_size: lots"));
            assertThat(shell.refused("arus:apply " + broken)).contains("batch_size").contains("nothing was changed");
            assertThat(server.json("/api/pipelines/" + pipelineId).path("batch_size").asInt()).isEqualTo(50);

            String extra = created(shell.run("arus:sourcecreate --name sh-extra-" + ID + " --type postgresql host=127.0.0.1"
                    + " port=5432 database=arus_test username=arus password=arus"));
            assertThat(shell.run("arus:apply --dry-run --prune " + exported)).contains("delete").contains("sh-extra-" + ID);
            assertThat(server.get("/api/sources/" + extra).statusCode()).as("a dry run deletes nothing").isEqualTo(200);
            assertThat(shell.run("arus:sourcedelete sh-extra-" + ID)).contains("deleted");
            assertThat(server.get("/api/sources/" + extra).statusCode()).isEqualTo(404);
        }
    }

    @Test
    @Order(7)
    void aStepIsCheckedAChainPreviewedAndALineageShownFromTheShell() throws Exception {
        try (ShellSession shell = new ShellSession(processor, RAN)) {
            Path bad = work.resolve("filter-bad.yaml");
            Files.writeString(bad, "expression: 'id >'\n");
            assertThat(shell.run("arus:transformcheck filter " + bad)).containsPattern("expression: .*1:\\d+");
            Path fine = work.resolve("filter-fine.yaml");
            Files.writeString(fine, "expression: 'id <= 3'\n");
            assertThat(shell.run("arus:transformcheck filter " + fine)).contains("valid");

            Path preview = work.resolve("preview.yaml");
            Files.writeString(preview, "source_id: " + idOf("/api/sources", SOURCE) + "\nstream: " + SCHEMA + ".codes\n"
                    + "limit: 100\ntransforms:\n  - type: filter\n    config:\n      expression: 'id <= 3'\n");
            String shown = shell.run("arus:preview " + preview);
            assertThat(shown).contains("stream: " + SCHEMA + ".codes").contains("type: filter").contains("filtered: 97")
                    .contains("code string");
            assertThat(shell.run("arus:lineage " + PIPELINE)).contains(SCHEMA + ".codes -> " + TARGET + ".codes")
                    .contains("DESTINATION").contains("code");
        }
    }

    @Test
    @Order(8)
    void aConnectionInUseIsNotDeletedAndAnUnusedOneIs() throws Exception {
        try (ShellSession shell = new ShellSession(processor, RAN)) {
            String destinationId = idOf("/api/destinations", DESTINATION);
            assertThat(shell.refused("arus:destinationdelete " + DESTINATION)).containsIgnoringCase("pipeline");
            assertThat(server.get("/api/destinations/" + destinationId).statusCode()).as("still there").isEqualTo(200);
            assertThat(shell.run("arus:pipelinedelete " + PIPELINE)).contains("deleted");
            assertThat(shell.run("arus:destinationdelete " + DESTINATION)).contains("deleted");
            assertThat(server.get("/api/destinations/" + destinationId).statusCode()).isEqualTo(404);
            assertThat(shell.run("arus:sourcedelete " + SOURCE)).contains("deleted");
        }
    }

    @Test
    @Order(99)
    void everyArusCommandRanInThisTestAndHasHelp() throws Exception {
        Set<String> registered = new TreeSet<>();
        for (ServiceReference<?> ref : context.getServiceReferences((String) null, "(osgi.command.scope=arus)")) {
            Object functions = ref.getProperty("osgi.command.function");
            if (functions instanceof String[] names) {
                registered.addAll(List.of(names));
            } else if (functions != null) {
                registered.add(functions.toString());
            }
        }
        assertThat(registered).as("the shell's commands").hasSizeGreaterThan(50);
        List<String> untested = new ArrayList<>();
        List<String> withoutHelp = new ArrayList<>();
        try (ShellSession shell = new ShellSession(processor, new ConcurrentSkipListSet<>())) {
            for (String function : registered) {
                if (!RAN.contains(function.toLowerCase(Locale.ROOT))) {
                    untested.add(function);
                }
                String help = shell.run("help arus:" + function);
                Pattern described = Pattern.compile("(?i)" + Pattern.quote(function) + " - \\S");
                if (!help.contains("scope: arus") || !described.matcher(help).find()) {
                    withoutHelp.add(function + ": [" + help + "]");
                }
            }
            assertThat(withoutHelp).as("commands whose help says nothing").isEmpty();
            assertThat(shell.run("help arus:sourcecreate")).contains("create a source from a YAML/JSON file")
                    .contains("--name").contains("--type").contains("--file");
        }
        assertThat(untested).as("commands no test ran").isEmpty();
    }

    private static String created(String output) {
        Matcher id = CREATED.matcher(output);
        assertThat(id.find()).as(output).isTrue();
        return id.group(1);
    }

    private static String idOf(String path, String name) throws Exception {
        for (JsonNode item : server.json(path)) {
            if (name.equals(item.path("name").asText())) {
                return item.path("id").asText();
            }
        }
        throw new AssertionError("no " + name + " in " + path);
    }

    /** @return "actor: detail" of each audit entry with this action and target (any target when null) */
    private static List<String> audit(String action, String target) throws Exception {
        List<String> found = new ArrayList<>();
        for (JsonNode entry : server.json("/api/audit?limit=500")) {
            if (action.equals(entry.path("action").asText())
                    && (target == null || target.equals(entry.path("target").asText()))) {
                found.add(entry.path("actor").asText() + ": " + entry.path("detail").asText(""));
            }
        }
        return found;
    }
}
