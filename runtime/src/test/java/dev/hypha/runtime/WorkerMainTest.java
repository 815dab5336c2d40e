package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker entry point's refusals: each names the problem and exits with its documented code. */
class WorkerMainTest {
  @TempDir java.nio.file.Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Worker.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String errors() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void badArgumentsExitWithTwoAndTheUsage() {
    assertThat(run("--queues")).isEqualTo(2);
    assertThat(errors()).contains("--queues needs a value").contains("Usage:");
    err.reset();
    assertThat(run("--colour", "blue")).isEqualTo(2);
    assertThat(errors()).contains("unknown option --colour");
    err.reset();
    assertThat(run("--lease", "soon")).isEqualTo(2);
    assertThat(errors()).contains("cannot read the duration soon; write it as 30s");
    err.reset();
    assertThat(run("--threads", "0")).isEqualTo(2);
    assertThat(errors()).contains("at least 1 thread");
  }

  @Test
  void helpPrintsTheOptionsAndExitsWithZero() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--db URL").contains("--queues");
  }

  @Test
  void aFlowItIsAskedToHostThatIsMissingExitsWithThree() {
    assertThat(run("--db", dir.resolve("w.db").toString(), "--flows", "no-such-flow")).isEqualTo(3);
    assertThat(errors()).contains("flow(s) [no-such-flow] not on the class path");
  }

  @Test
  void anUnreachableStoreExitsWithFour() {
    assertThat(run("--db", "jdbc:postgresql://127.0.0.1:1/nowhere?user=x")).isEqualTo(4);
    assertThat(errors()).contains("cannot connect to PostgreSQL").contains("check that the server");
    err.reset();
    assertThat(run("--db", dir.resolve("missing-folder/w.db").toString())).isEqualTo(4);
    assertThat(errors()).contains("does not exist");
  }

  @Test
  void durationsReadAsTheHelpSays() {
    assertThat(Worker.duration("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Worker.duration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Worker.duration("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Worker.duration("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
  }
}
