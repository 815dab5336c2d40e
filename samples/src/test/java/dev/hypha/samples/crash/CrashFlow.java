package dev.hypha.samples.crash;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;
import dev.hypha.runtime.TaskContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A diamond with a tail whose every execution first appends a line to a side-effect log, then takes
 * a few milliseconds: long enough for kills to catch tasks RUNNING. The log is what proves that no
 * task recorded SUCCEEDED ever ran again.
 */
@Flow
public class CrashFlow {
  private final FileChannel log;
  private final String generation;

  public CrashFlow(Path log, String generation) throws IOException {
    this.log =
        FileChannel.open(
            log, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    this.generation = generation;
  }

  public record Seed(int value) {}

  @Task
  public int seed(@Input Seed input, TaskContext context) {
    sideEffect(context);
    return input.value() * 7;
  }

  @Task
  @DependsOn("seed")
  public long left(int seed, TaskContext context) {
    sideEffect(context);
    return seed + 1L;
  }

  @Task
  @DependsOn("seed")
  public long right(int seed, TaskContext context) {
    sideEffect(context);
    return seed * 2L;
  }

  @Task
  @DependsOn({"left", "right"})
  public long join(long left, long right, TaskContext context) {
    sideEffect(context);
    return left + right;
  }

  @Task
  @DependsOn("join")
  public String tail(long join, TaskContext context) {
    sideEffect(context);
    return "v" + join;
  }

  /** What {@code tail} must return for {@code input}. */
  static String expected(int input) {
    long seed = input * 7L;
    return "v" + ((seed + 1) + seed * 2);
  }

  private void sideEffect(TaskContext context) {
    String line = context.idempotencyKey() + " " + generation + " " + context.attempt() + "\n";
    try {
      // One write of the whole line: with O_APPEND it lands whole even if the process dies next.
      log.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
      Thread.sleep(ThreadLocalRandom.current().nextInt(1, 6));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
