package dev.hypha.samples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A separate JVM running a main class of the samples, with its output collected line by line. */
public final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> all = new java.util.concurrent.CopyOnWriteArrayList<>();

  private ChildJvm(Process process) {
    this.process = process;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  lines.add(line);
                  all.add(line);
                }
              } catch (IOException ignored) {
                // The process was killed.
              }
            },
            "child-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code mainClass} with the samples' class path. */
  public static ChildJvm start(Class<?> mainClass, String... args) throws IOException {
    return start(List.of(), mainClass, args);
  }

  /**
   * Starts {@code mainClass} with the samples' class path and {@code jvmOptions} (such as {@code
   * -Dhypha.faults=after-commit@3=halt}), given after the defaults so that one repeated here, such
   * as {@code -Xmx}, overrides them.
   */
  public static ChildJvm start(List<String> jvmOptions, Class<?> mainClass, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(
        System.getProperty("samples.classpath")
            + java.io.File.pathSeparator
            + System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  /** Waits for an output line that contains {@code text}. */
  public boolean awaitLine(String text, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(10, TimeUnit.MILLISECONDS);
      if (line != null && line.contains(text)) {
        return true;
      }
      if (line == null && !process.isAlive() && lines.isEmpty()) {
        return false;
      }
    }
    return false;
  }

  /**
   * Kills the process with SIGKILL, as {@code kill -9} does, and returns its exit code: 137 (128 +
   * SIGKILL) when the kill ended it, else the code it had already exited with by itself.
   */
  public int kill() throws InterruptedException {
    process.destroyForcibly();
    return process.waitFor();
  }

  /**
   * Waits for the exit and returns the exit code, or -1 after the timeout (the process is killed).
   */
  public int waitFor(long timeoutMillis) throws InterruptedException {
    if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
      kill();
      return -1;
    }
    return process.exitValue();
  }

  /** The operating system's id of the process. */
  public long pid() {
    return process.pid();
  }

  /**
   * Sends {@code signal} (such as {@code STOP} or {@code CONT}) to the process with {@code kill},
   * and fails unless {@code kill} succeeded.
   */
  public void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill -" + signal + " " + pid() + " failed");
    }
  }

  /** Whether the process is still running (a stopped process is). */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** The lines printed so far that contain {@code text}, whether or not awaited already. */
  public List<String> linesContaining(String text) {
    return all.stream().filter(line -> line.contains(text)).toList();
  }

  /** Everything the process printed so far. */
  public String output() {
    return String.join("\n", all);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
