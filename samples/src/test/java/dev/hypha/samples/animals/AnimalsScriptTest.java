package dev.hypha.samples.animals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.testing.SharedStores;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs {@code samples/animals.sh}: six worker processes and a client on one shared store, one
 * worker killed midway and replaced. The script must exit 0, which it does only when the client
 * found every run's statistics right; its output must show the kill and the census's verdict.
 */
class AnimalsScriptTest {
  private static final long TIMEOUT_SECONDS = 120;

  @TempDir Path dir;

  static List<String> kinds() {
    return SharedStores.kinds();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void theCensusSurvivesAKilledWorker(String kind) throws Exception {
    Path script =
        Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "animals.sh");
    assertThat(script).exists();
    Path log = dir.resolve("animals-" + kind + ".log");
    ProcessBuilder builder =
        new ProcessBuilder("bash", script.toString(), kind)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put(
        "HYPHA_CLASSPATH",
        System.getProperty("samples.classpath")
            + File.pathSeparator
            + System.getProperty("java.class.path"));
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("TMPDIR", dir.toString());
    Process process = builder.start();
    boolean ended = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!ended) {
      stop(process);
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println(output);
    assertThat(ended)
        .as("animals.sh %s did not end within %d s:%n%s", kind, TIMEOUT_SECONDS, output)
        .isTrue();
    assertThat(process.exitValue()).as("exit code of animals.sh %s:%n%s", kind, output).isZero();
    assertThat(output)
        .contains("killing worker")
        .contains("census: 20 of 20 runs succeeded with the right statistics")
        .contains("census: OK")
        .contains("the store task left 20 measurement files");
    Matcher started = Pattern.compile("\\(pid (\\d+)\\)").matcher(output);
    List<Long> pids = new ArrayList<>();
    while (started.find()) {
      pids.add(Long.parseLong(started.group(1)));
    }
    assertThat(pids).as("the processes the script said it started").hasSize(8);
    assertThat(
            pids.stream()
                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)))
        .as("processes the script left running")
        .isEmpty();
    try (var left = Files.list(dir)) {
      assertThat(left.filter(path -> path.getFileName().toString().startsWith("hypha-animals")))
          .as("the script's work directory is removed")
          .isEmpty();
    }
  }

  /** Stops the script (its trap stops its children), then kills whatever is left. */
  private static void stop(Process process) throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }
}
