package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every database problem ends in an exception that names it and the fix, and loses nothing. */
class StoreErrorsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  @Test
  void aMissingFolderIsNamed() {
    Path file = dir.resolve("no-such-folder").resolve("hypha.db");
    assertThatThrownBy(() -> Hypha.open(file))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("the folder " + dir.resolve("no-such-folder") + " does not exist")
        .hasMessageContaining("create it or choose another path");
  }

  @Test
  void aFolderInPlaceOfTheFileIsNamed() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("hypha.db"));
    assertThatThrownBy(() -> Hypha.open(folder))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("it is a folder");
  }

  @Test
  void aFileThatIsNotWritableIsNamedAndKeepsItsRuns() throws Exception {
    Path file = dir.resolve("h.db");
    LambdaFlow flow = oneTask();
    RunId id;
    try (Hypha hypha = Hypha.open(file)) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      run.await(WAIT);
      id = run.id();
    }
    try (ReadOnly readOnly = ReadOnly.make(file)) {
      assertThatThrownBy(() -> Hypha.open(file))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("cannot open database " + file + " for writing")
          .hasMessageContaining("is not writable by user")
          .hasMessageContaining("fix its permissions");
    }
    try (Hypha hypha = Hypha.open(file)) {
      assertThat(hypha.history().detail(id).orElseThrow().state()).isEqualTo(RunState.SUCCEEDED);
    }
  }

  @Test
  void aSchemaNewerThanTheCodeIsRefusedAndLeftUntouched() throws Exception {
    Path file = dir.resolve("h.db");
    LambdaFlow flow = oneTask();
    RunId id;
    try (Hypha hypha = Hypha.open(file)) {
      id = hypha.bind(flow, flow).start(null).id();
    }
    execute(
        file, "INSERT INTO hypha_schema (version, description, applied_at) VALUES (99, 'x', 0)");
    assertThatThrownBy(() -> Hypha.open(file))
        .isInstanceOf(SchemaTooNewException.class)
        .hasMessageContaining("has schema version 99 but this Hypha knows versions up to 9")
        .hasMessageContaining("upgrade Hypha")
        .satisfies(e -> assertThat(((SchemaTooNewException) e).found()).isEqualTo(99));
    execute(file, "DELETE FROM hypha_schema WHERE version = 99");
    try (Hypha hypha = Hypha.open(file)) {
      assertThat(hypha.history().detail(id)).isPresent();
    }
  }

  @Test
  void aDatabaseLockedByAnotherConnectionFailsAfterTheBusyTimeout() throws Exception {
    Path file = dir.resolve("h.db");
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = other.createStatement()) {
      statement.execute("BEGIN EXCLUSIVE");
      assertThatThrownBy(
              () -> Hypha.builder().path(file).busyTimeout(Duration.ofMillis(200)).open())
          .isInstanceOf(StoreLockedException.class)
          .hasMessageContaining("database " + file + " is locked by another connection or process")
          .hasMessageContaining("waited PT0.2S")
          .hasMessageContaining("busyTimeout");
      statement.execute("ROLLBACK");
    }
    try (Hypha hypha = Hypha.open(file)) {
      assertThat(hypha.history().find(RunQuery.builder().build()).items()).isEmpty();
    }
  }

  @Test
  void aSecondEngineOnTheSameFileIsRefusedWhileTheFirstRuns() {
    Path file = dir.resolve("h.db");
    try (Hypha first = Hypha.builder().path(file).workerId("first-engine").open()) {
      assertThatThrownBy(
              () -> Hypha.builder().path(file).busyTimeout(Duration.ofMillis(100)).open())
          .isInstanceOf(StoreLockedException.class)
          .hasMessageContaining("is locked by another Hypha engine (first-engine)")
          .hasMessageContaining("give each Hypha its own file");
      assertThat(first.history().find(RunQuery.builder().build()).items()).isEmpty();
    }
    try (Hypha again = Hypha.open(file)) {
      assertThat(again.path()).isEqualTo(file.toAbsolutePath());
    }
  }

  @Test
  void corruptJsonInARowIsReportedWithTheRunAndTheField() throws Exception {
    Path file = dir.resolve("h.db");
    LambdaFlow flow = oneTask();
    try (Hypha hypha = Hypha.open(file)) {
      FlowBinding<Object, Object> binding = hypha.bind(flow, flow);
      Run<Object> run = binding.start(null);
      run.await(WAIT);
      execute(file, "UPDATE tasks SET output_json = '{not json' WHERE name = 'only'");
      assertThatThrownBy(() -> binding.output(run.id(), 0))
          .isInstanceOf(CorruptRecordException.class)
          .hasMessageContaining("cannot read output of task only of run " + run.id())
          .hasMessageContaining("as java.lang.Integer")
          .hasMessageContaining("Fix the row or read it raw")
          .satisfies(e -> assertThat(((CorruptRecordException) e).runId()).isEqualTo(run.id()));
      // The result is stored with the run: a damaged output does not change it.
      assertThat(binding.history().result(run.id())).contains(7);
      execute(file, "UPDATE runs SET result_json = '{not json'");
      assertThatThrownBy(() -> binding.history().result(run.id()))
          .isInstanceOf(CorruptRecordException.class)
          .hasMessageContaining("cannot read result of run " + run.id());
      assertThat(hypha.history().detail(run.id()).orElseThrow().task("only").get().outputJson())
          .contains("{not json");
    }
  }

  @Test
  void aRowThatDoesNotParseIsReportedAsCorruptNotAsAFailingDatabase() throws Exception {
    Path file = dir.resolve("h.db");
    LambdaFlow flow = oneTask();
    try (Hypha hypha = Hypha.open(file)) {
      hypha.bind(flow, flow).start(null).await(WAIT);
      execute(file, "UPDATE runs SET state = 'HALF-DONE'");
      assertThatThrownBy(() -> hypha.history().find(RunQuery.builder().build()))
          .isInstanceOf(CorruptRecordException.class)
          .hasMessageContaining("cannot read a row of " + file)
          .hasMessageContaining("HALF-DONE")
          .hasMessageContaining("Fix or remove the row");
    }
  }

  @Test
  void corruptJsonMetWhileResumingFailsTheTaskThatReadsIt() throws Exception {
    Path file = dir.resolve("h.db");
    TypeRef<Integer> integer = TypeRef.of(Integer.class);
    java.util.concurrent.CountDownLatch blocked = new java.util.concurrent.CountDownLatch(1);
    LambdaFlow blocking =
        LambdaFlow.builder("two-steps")
            .task("first", integer, args -> 1)
            .task(
                "second",
                integer,
                args -> {
                  blocked.countDown();
                  Thread.sleep(60_000);
                  return 2;
                },
                "first")
            .build();
    RunId id;
    Hypha hypha = Hypha.builder().path(file).shutdownGrace(Duration.ofMillis(50)).open();
    id = hypha.bind(blocking, blocking).start(null).id();
    blocked.await();
    hypha.close();
    execute(file, "UPDATE tasks SET output_json = 'garbage' WHERE name = 'first'");
    LambdaFlow reading =
        LambdaFlow.builder("two-steps")
            .task("first", integer, args -> 1)
            .task("second", integer, args -> args.<Integer>output(0) + 1, "first")
            .build();
    try (Hypha reopened = Hypha.open(file)) {
      Run<Object> run = reopened.bind(reading, reading).run(id);
      assertThatThrownBy(() -> run.await(WAIT))
          .isInstanceOf(RunFailedException.class)
          .hasMessageContaining(CorruptRecordException.class.getName())
          .hasMessageContaining("cannot read output of task first");
      assertThat(run.detail().task("first").get().state()).isEqualTo(TaskState.SUCCEEDED);
    }
  }

  static LambdaFlow oneTask() {
    return LambdaFlow.builder("one-task")
        .task("only", TypeRef.of(Integer.class), args -> 7)
        .build();
  }

  static void execute(Path file, String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /**
   * Makes a file unwritable for this process: by its permissions, and where the tests run as root
   * (who ignores permissions) by the immutable attribute as well.
   */
  static final class ReadOnly implements AutoCloseable {
    private final Path file;
    private final boolean immutable;

    private ReadOnly(Path file, boolean immutable) {
      this.file = file;
      this.immutable = immutable;
    }

    static ReadOnly make(Path file) throws Exception {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
      boolean root = "root".equals(System.getProperty("user.name"));
      if (root) {
        chattr("+i", file);
      }
      assertThat(Files.isWritable(file)).as("the test could not make %s read-only", file).isFalse();
      return new ReadOnly(file, root);
    }

    @Override
    public void close() throws Exception {
      if (immutable) {
        chattr("-i", file);
      }
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static void chattr(String flag, Path file) throws Exception {
      Process process = new ProcessBuilder("chattr", flag, file.toString()).inheritIO().start();
      assertThat(process.waitFor()).as("chattr %s %s", flag, file).isZero();
    }
  }
}
