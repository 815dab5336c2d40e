package dev.hypha.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypha.cli.HyphaCli.Result;
import dev.hypha.runtime.internal.engine.FlowDiscovery;
import dev.hypha.runtime.spi.FlowDescriptor;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The commands that need no worker: help, usage errors, the flows of the class path and their
 * graphs, completion, a missing store, retry, and the script itself.
 */
class CliBasicsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final List<String> COMMANDS =
      List.of(
          "flows",
          "graph",
          "runs",
          "show",
          "start",
          "signal",
          "cancel",
          "retry",
          "serve",
          "worker",
          "workers",
          "completion");

  @TempDir Path dir;

  private HyphaCli hypha() {
    return new HyphaCli(dir);
  }

  @Test
  void topHelpListsEveryCommandAndTheExitCodes() {
    Result result = hypha().run("--help");

    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.out()).startsWith("Usage: hypha [-hV] [COMMAND]");
    for (String command : COMMANDS) {
      assertThat(result.out()).as(command).containsPattern("(?m)^  " + command + " ");
    }
    assertThat(result.out())
        .contains("Exit codes:")
        .containsPattern("(?m)^   4 +the store cannot be used")
        .containsPattern("(?m)^  70 +an unexpected error");
    assertThat(result.err()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "flows",
        "graph",
        "runs",
        "show",
        "start",
        "signal",
        "cancel",
        "retry",
        "serve",
        "worker",
        "workers",
        "completion"
      })
  void everyCommandHasHelpWithTheGlobalOptions(String command) {
    Result result = hypha().run(command, "--help");

    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.out())
        .startsWith("Usage: hypha " + command + " ")
        .contains("--db=<store>", "--classpath=<path>", "--verbose", "-h, --help");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void helpSubcommandShowsACommandsHelp() {
    Result result = hypha().run("help", "start");

    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.out())
        .startsWith("Usage: hypha start ")
        .contains("--input=JSON", "--wait", "--timeout=DURATION", "--key=KEY");
  }

  @Test
  void noCommandIsAUsageError() {
    Result result = hypha().run();

    assertThat(result.exit()).as(result.toString()).isEqualTo(2);
    assertThat(result.err())
        .contains("a command is missing; hypha --help lists them")
        .contains("Try 'hypha --help' for more information.");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void unknownOptionsCommandsAndValuesAreUsageErrors() {
    Result option = hypha().run("runs", "--colour");
    assertThat(option.exit()).as(option.toString()).isEqualTo(2);
    assertThat(option.err())
        .contains("hypha runs: Unknown option: '--colour'")
        .contains("Try 'hypha runs --help' for more information.");

    Result command = hypha().run("runz");
    assertThat(command.exit()).as(command.toString()).isEqualTo(2);
    assertThat(command.err()).contains("Unmatched argument", "Did you mean: hypha runs?");

    Result state = hypha().run("runs", "--state", "DONE");
    assertThat(state.exit()).as(state.toString()).isEqualTo(2);
    assertThat(state.err())
        .contains("Invalid value for option '--state'", "RUNNING, SUCCEEDED, FAILED, CANCELLED");

    Result since = hypha().run("runs", "--since", "yesterday");
    assertThat(since.exit()).as(since.toString()).isEqualTo(2);
    assertThat(since.err())
        .contains("'yesterday' is neither an instant nor a duration", "PT1H, 1h, 30m or 2d");

    Result limit = hypha().run("runs", "--limit", "5000");
    assertThat(limit.exit()).as(limit.toString()).isEqualTo(2);
    assertThat(limit.err()).contains("--limit must be between 1 and 1000, was 5000");

    Result runId = hypha().run("show", "not-a-run");
    assertThat(runId.exit()).as(runId.toString()).isEqualTo(2);
    assertThat(runId.err()).contains("not a run id: 'not-a-run'");

    Result missing = hypha().run("signal", "01a22f91-4c93-7c4a-bce1-704cd9902160", "go");
    assertThat(missing.exit()).as(missing.toString()).isEqualTo(2);
    assertThat(missing.err()).contains("Missing required option: '--payload=JSON'");
  }

  @Test
  void readingCommandsRefuseAMissingStoreAndCreateNone() {
    for (String[] args :
        List.of(
            new String[] {"runs"},
            new String[] {"show", "01a22f91-4c93-7c4a-bce1-704cd9902160"},
            new String[] {"cancel", "01a22f91-4c93-7c4a-bce1-704cd9902160"},
            new String[] {"workers"})) {
      Result result = hypha().run(args);
      assertThat(result.exit()).as(result.toString()).isEqualTo(4);
      assertThat(result.err())
          .as(args[0])
          .startsWith("hypha " + args[0] + ": no store at ./hypha.db; pass --db")
          .doesNotContain("\tat ");
    }
    Result other = hypha().run("runs", "--db", "elsewhere.db");
    assertThat(other.exit()).as(other.toString()).isEqualTo(4);
    assertThat(other.err()).contains("no store at elsewhere.db; pass --db");
    Result url = hypha().run("runs", "--db", "jdbc:sqlite:" + dir.resolve("gone.db"));
    assertThat(url.exit()).as(url.toString()).isEqualTo(4);
    assertThat(url.err()).contains("no store at jdbc:sqlite:" + dir.resolve("gone.db"));

    assertThat(dir.resolve("hypha.db")).doesNotExist();
    assertThat(dir.resolve("elsewhere.db")).doesNotExist();
    assertThat(dir.resolve("gone.db")).doesNotExist();
  }

  @Test
  void storeProblemsAreOneLineAndExit4() throws Exception {
    Files.writeString(dir.resolve("junk.db"), "this is not a SQLite database, just some text");
    Result junk = hypha().run("runs", "--db", "junk.db");
    assertThat(junk.exit()).as(junk.toString()).isEqualTo(4);
    assertThat(junk.err().strip()).doesNotContain("\n").contains("not a database");

    Files.createDirectory(dir.resolve("folder.db"));
    Result folder = hypha().run("runs", "--db", "folder.db");
    assertThat(folder.exit()).as(folder.toString()).isEqualTo(4);
    assertThat(folder.err()).contains("it is a folder");

    Result postgres = hypha().run("runs", "--db", "jdbc:postgresql://127.0.0.1:1/none");
    assertThat(postgres.exit()).as(postgres.toString()).isEqualTo(4);
    assertThat(postgres.err().strip())
        .doesNotContain("\n")
        .contains("cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:1/none");

    Result mysql = hypha().run("runs", "--db", "jdbc:mysql://db/app");
    assertThat(mysql.exit()).as(mysql.toString()).isEqualTo(2);
    assertThat(mysql.err()).contains("not in jdbc:mysql");
  }

  @Test
  void verbosePrintsTheStackTraceOfAnError() throws Exception {
    Files.writeString(dir.resolve("junk.db"), "this is not a SQLite database, just some text");

    Result result = hypha().run("runs", "--db", "junk.db", "--verbose");

    assertThat(result.exit()).as(result.toString()).isEqualTo(4);
    assertThat(result.err()).contains("not a database").contains("\tat ");
  }

  @Test
  void flowsListsTheApplicationsFlows() {
    Result result = hypha().run("flows", "--classpath", HyphaCli.APP);

    assertThat(result.exit()).as(result.toString()).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines.get(0)).matches("NAME +TASKS +QUEUES +SHAPE +CLASS");
    assertThat(lines)
        .hasSize(5)
        .anySatisfy(
            line ->
                assertThat(line).matches("approval +2 +default +\\w+ +dev.hypha.cli.app.Approval"))
        .anySatisfy(
            line ->
                assertThat(line).matches("greeting +2 +default +\\w+ +dev.hypha.cli.app.Greeting"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .matches("inventory +3 +default +\\w+ +dev.hypha.cli.app.Inventory"))
        .anySatisfy(
            line -> assertThat(line).matches("parked +1 +parked +\\w+ +dev.hypha.cli.app.Parked"));
    // Columns line up: every row's shape hash starts where the header's SHAPE does.
    int shape = lines.get(0).indexOf("SHAPE");
    lines
        .subList(1, lines.size())
        .forEach(line -> assertThat(line.charAt(shape - 1)).isEqualTo(' '));
    assertThat(result.out()).doesNotContain("\u001b[");
  }

  @Test
  void flowsJsonHasTheFlowShape() throws Exception {
    Result result = hypha().run("flows", "--classpath", HyphaCli.APP, "--json");

    assertThat(result.exit()).as(result.toString()).isZero();
    JsonNode flows = JSON.readTree(result.out()).get("flows");
    assertThat(flows).hasSize(4);
    JsonNode greeting = null;
    for (JsonNode flow : flows) {
      if (flow.get("name").asText().equals("greeting")) {
        greeting = flow;
      }
    }
    assertThat(greeting).isNotNull();
    FlowDescriptor descriptor = descriptor("greeting");
    assertThat(greeting.get("flowClass").asText()).isEqualTo("dev.hypha.cli.app.Greeting");
    assertThat(greeting.get("inputType").asText()).isEqualTo("dev.hypha.cli.app.Greeting$Person");
    assertThat(greeting.get("resultType").asText()).isEqualTo("java.lang.String");
    assertThat(greeting.get("shapeHash").asText()).isEqualTo(descriptor.shapeHash());
    assertThat(greeting.get("queues").toString()).isEqualTo("[\"default\"]");
    assertThat(greeting.get("tasks").toString())
        .isEqualTo(
            "[{\"name\":\"greet\",\"queue\":\"default\",\"outputType\":\"java.lang.String\","
                + "\"dependsOn\":[]},{\"name\":\"shout\",\"queue\":\"default\","
                + "\"outputType\":\"java.lang.String\",\"dependsOn\":[\"greet\"]}]");
    assertThat(greeting.get("edges").toString())
        .isEqualTo("[{\"from\":\"greet\",\"to\":\"shout\"}]");
    assertThat(greeting.get("signals").toString()).isEqualTo("[]");
    assertThat(greeting.get("mermaid").asText()).isEqualTo(descriptor.mermaid());

    JsonNode approval = null;
    for (JsonNode flow : flows) {
      if (flow.get("name").asText().equals("approval")) {
        approval = flow;
      }
    }
    assertThat(approval.get("signals").toString())
        .isEqualTo(
            "[{\"name\":\"decision\",\"payloadType\":\"dev.hypha.cli.app.Approval$Decision\"}]");
  }

  @Test
  void withoutTheApplicationThereAreNoFlowsAndTheJarHoldsNoneOfIt() throws Exception {
    Result result = hypha().run("flows");

    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("no flows on the class path; pass --classpath");
    try (JarFile jar = new JarFile(HyphaCli.ROOT.resolve("cli/target/hypha.jar").toFile())) {
      List<String> names = new ArrayList<>();
      jar.stream().forEach(entry -> names.add(entry.getName()));
      assertThat(names)
          .contains("dev/hypha/cli/Main.class", "picocli/CommandLine.class")
          .noneMatch(name -> name.startsWith("dev/hypha/cli/app/"))
          .doesNotContain("META-INF/services/dev.hypha.runtime.spi.FlowDefinition");
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo("dev.hypha.cli.Main");
    }
  }

  @Test
  void classpathEntriesMustExist() {
    String missing = dir.resolve("no-such.jar").toString();
    Result result =
        hypha().run("flows", "--classpath", HyphaCli.APP + File.pathSeparator + missing);

    assertThat(result.exit()).as(result.toString()).isEqualTo(2);
    assertThat(result.err()).contains("--classpath entry " + missing + " does not exist");
  }

  @Test
  void graphPrintsTheGeneratedMermaid() {
    Result result = hypha().run("graph", "inventory", "--classpath", HyphaCli.APP);

    assertThat(result.exit()).as(result.toString()).isZero();
    String mermaid = descriptor("inventory").mermaid();
    assertThat(result.out()).isEqualTo(mermaid.endsWith("\n") ? mermaid : mermaid + "\n");
    assertThat(result.out()).contains("count --> reserve", "reserve --> ship");
  }

  @Test
  void graphPrintsDot() {
    Result result =
        hypha().run("graph", "inventory", "--format", "dot", "--classpath", HyphaCli.APP);

    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.out())
        .isEqualTo(
            """
            digraph "inventory" {
              rankdir=LR;
              node [shape=box];
              "count" [label="count"];
              "reserve" [label="reserve"];
              "ship" [label="ship"];
              "count" -> "reserve";
              "reserve" -> "ship";
            }
            """);

    Result parked = hypha().run("graph", "parked", "--format=DOT", "--classpath", HyphaCli.APP);
    assertThat(parked.exit()).as(parked.toString()).isZero();
    assertThat(parked.out()).contains("\"park\" [label=\"park\\nqueue parked\"];");
  }

  @Test
  void graphOfAnUnknownFlowIsNotFound() {
    Result result = hypha().run("graph", "nope", "--classpath", HyphaCli.APP);

    assertThat(result.exit()).as(result.toString()).isEqualTo(3);
    assertThat(result.err())
        .contains(
            "no flow named 'nope' is on the class path (flows: approval, greeting, inventory,"
                + " parked)");

    Result format = hypha().run("graph", "greeting", "--format", "svg");
    assertThat(format.exit()).as(format.toString()).isEqualTo(2);
    assertThat(format.err()).contains("expected one of [mermaid, dot]");
  }

  @Test
  void completionIsABashScriptForEveryCommand() throws Exception {
    Result result = hypha().run("completion");

    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.out()).startsWith("#!/usr/bin/env bash").contains("complete -F");
    for (String command : COMMANDS) {
      assertThat(result.out()).contains(command);
    }
    assertThat(result.out()).contains("--classpath", "--timeout");
    Path script = dir.resolve("hypha-completion.bash");
    Files.writeString(script, result.out());
    Process syntax = new ProcessBuilder("bash", "-n", script.toString()).inheritIO().start();
    assertThat(syntax.waitFor()).as("bash -n of the completion script").isZero();
  }

  @Test
  void versionComesFromTheJar() {
    Result result = hypha().run("--version");

    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.out()).matches("hypha \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");
  }

  @Test
  void theScriptFindsItsJarThroughSymlinks() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path direct = Files.createSymbolicLink(bin.resolve("hypha"), HyphaCli.SCRIPT);
    Path chained = Files.createSymbolicLink(dir.resolve("hypha-link"), Path.of("bin/hypha"));

    for (Path link : List.of(direct, chained)) {
      Result result = hypha().run(link, null, "--version");
      assertThat(result.exit()).as(link + "\n" + result).isZero();
      assertThat(result.out()).startsWith("hypha ");
    }
  }

  @Test
  void theScriptSaysHowToBuildAMissingJar() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("checkout/bin"));
    Path copy = Files.copy(HyphaCli.SCRIPT, bin.resolve("hypha"));
    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));

    Result result = hypha().run(copy, null, "flows");

    assertThat(result.exit()).as(result.toString()).isEqualTo(4);
    assertThat(result.err())
        .contains(dir.resolve("checkout/cli/target/hypha.jar") + " is missing")
        .contains("mvn -B -q -pl cli -am package -DskipTests");
  }

  private static FlowDescriptor descriptor(String flow) {
    return FlowDiscovery.flows(CliBasicsIT.class.getClassLoader()).get(flow).descriptor();
  }
}
