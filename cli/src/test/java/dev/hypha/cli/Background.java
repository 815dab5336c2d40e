package dev.hypha.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A {@code hypha} process left running, such as a worker, with its output collected by line. */
final class Background {
  private final Process process;
  private final String name;
  private final List<String> out = new CopyOnWriteArrayList<>();
  private final List<String> err = new CopyOnWriteArrayList<>();
  private final List<Thread> readers = new CopyOnWriteArrayList<>();

  Background(Process process, String name) {
    this.process = process;
    this.name = name;
    readers.add(read(process.getInputStream(), out));
    readers.add(read(process.getErrorStream(), err));
  }

  /** Waits until a line of stdout contains {@code text}; fails if the process ends first. */
  void awaitOutput(String text, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (System.nanoTime() < deadline) {
      if (out.stream().anyMatch(line -> line.contains(text))) {
        return;
      }
      if (!process.isAlive() && out.stream().noneMatch(line -> line.contains(text))) {
        Thread.sleep(100); // let the readers take the last lines
        if (out.stream().anyMatch(line -> line.contains(text))) {
          return;
        }
        throw new AssertionError(
            "hypha "
                + name
                + " exited "
                + process.exitValue()
                + " before printing "
                + text
                + "\n"
                + output());
      }
      Thread.sleep(20);
    }
    throw new AssertionError("hypha " + name + " did not print " + text + "\n" + output());
  }

  /**
   * Stops it with SIGTERM, as a service manager would (bin/hypha execs the JVM, so the signal
   * reaches it), and returns its exit status. Sent with {@code kill}: {@link Process#destroy()}
   * would close the output pipes too, losing what the process prints while it stops.
   */
  int stop() throws InterruptedException, IOException {
    Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new AssertionError("kill -TERM " + process.pid() + " failed");
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("hypha " + name + " did not stop within 60 s of SIGTERM");
    }
    readers.forEach(
        reader -> {
          try {
            reader.join(10_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    return process.exitValue();
  }

  /** Everything it printed so far, for failure messages. */
  String output() {
    return "--- stdout\n" + String.join("\n", out) + "\n--- stderr\n" + String.join("\n", err);
  }

  List<String> stdout() {
    return out;
  }

  private static Thread read(InputStream in, List<String> lines) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader text =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = text.readLine()) != null; ) {
                  lines.add(line);
                }
              } catch (IOException ignored) {
                // The process ended.
              }
            },
            "hypha-background-output");
    reader.setDaemon(true);
    reader.start();
    return reader;
  }
}
