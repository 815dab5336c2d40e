package dev.hypha.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bin/hypha} of this repository as a user does: a child process of the script, in a
 * working folder of the test, with the test application's classes at hand for {@code --classpath}.
 */
final class HyphaCli {
  /** The repository's root, where bin/hypha and cli/target/hypha.jar are. */
  static final Path ROOT =
      Path.of(System.getProperty("hypha.root", "..")).toAbsolutePath().normalize();

  /** The script under test. */
  static final Path SCRIPT = ROOT.resolve("bin").resolve("hypha");

  /** The test application's flows, compiled by the real processor: the --classpath of tests. */
  static final String APP =
      Path.of(System.getProperty("hypha.app.classpath", "target/test-classes"))
          .toAbsolutePath()
          .toString();

  /** Quick JVM start-up: each command is a short-lived JVM. */
  static final String JAVA_OPTS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m";

  private final Path workDir;

  HyphaCli(Path workDir) {
    this.workDir = workDir;
  }

  /** Runs {@code hypha args...} to its end (at most two minutes) and returns what it did. */
  Result run(String... args) {
    return run(SCRIPT, null, args);
  }

  /** Runs {@code hypha args...} with {@code stdin} as its standard input. */
  Result runWithInput(String stdin, String... args) {
    return run(SCRIPT, stdin, args);
  }

  /** Runs another copy of (or link to) the script. */
  Result run(Path script, String stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add(script.toString());
    command.addAll(List.of(args));
    return exec(stdin, command.toArray(String[]::new));
  }

  private Result exec(String stdin, String... command) {
    try {
      Process process = builder(command).start();
      if (stdin != null) {
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      process.getOutputStream().close();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread outReader = drain(process.getInputStream(), out);
      Thread errReader = drain(process.getErrorStream(), err);
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not end in 2 minutes");
      }
      outReader.join();
      errReader.join();
      return new Result(
          process.exitValue(),
          out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * Runs {@code hypha args...} on a pseudo-terminal, through util-linux's {@code script}, as in an
   * interactive shell; stdout and stderr arrive together, with the terminal's CR LF line ends.
   */
  Result runInTerminal(String... args) {
    StringBuilder command = new StringBuilder(quote(SCRIPT.toString()));
    for (String arg : args) {
      command.append(' ').append(quote(arg));
    }
    return exec(null, "script", "-q", "-e", "-c", command.toString(), "/dev/null");
  }

  private static String quote(String arg) {
    return "'" + arg.replace("'", "'\\''") + "'";
  }

  /** Starts {@code hypha args...} in the background, such as a worker. */
  Background start(String... args) {
    try {
      List<String> command = new ArrayList<>();
      command.add(SCRIPT.toString());
      command.addAll(List.of(args));
      return new Background(
          builder(command.toArray(String[]::new)).start(), String.join(" ", args));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ProcessBuilder builder(String... command) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    Map<String, String> env = builder.environment();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("HYPHA_JAVA_OPTS", JAVA_OPTS);
    env.remove("NO_COLOR");
    return builder;
  }

  private static Thread drain(InputStream in, ByteArrayOutputStream sink) {
    Thread reader =
        new Thread(
            () -> {
              try (in) {
                in.transferTo(sink);
              } catch (IOException ignored) {
                // The process ended.
              }
            },
            "hypha-output");
    reader.setDaemon(true);
    reader.start();
    return reader;
  }

  /** How a command ended: its exit status and everything it printed. */
  record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
