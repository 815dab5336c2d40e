package dev.hypha.samples.crash;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.ForEach;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;
import dev.hypha.runtime.TaskContext;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A fan-out for the crash test: {@code pages} lists the pages of a document, {@code read} reads
 * each (two at a time), and {@code count} adds up what was read. Every task appends to the
 * side-effect log; with {@code holdAt}, the instance for that page never returns in its first
 * attempt, so a test can kill the process while the fan-out is half done.
 */
@Flow
public class Scan {
  private final SideEffectLog log;
  private final String generation;
  private final int holdAt;

  public Scan(SideEffectLog log, String generation, int holdAt) {
    this.log = log;
    this.generation = generation;
    this.holdAt = holdAt;
  }

  @Task
  public List<Integer> pages(@Input int count, TaskContext context) {
    log.append("pages " + context.attempt() + " " + generation);
    return IntStream.range(0, count).boxed().toList();
  }

  @Task
  @DependsOn("pages")
  public int read(@ForEach(concurrency = 2) int page, TaskContext context)
      throws InterruptedException {
    log.append(context.task() + " " + context.attempt() + " " + generation);
    if (page == holdAt && context.attempt() == 1) {
      Thread.sleep(Long.MAX_VALUE); // until the process is killed
    }
    return page * 10;
  }

  @Task
  @DependsOn("read")
  public String count(List<Integer> read, TaskContext context) {
    log.append("count " + context.attempt() + " " + generation);
    return read.size() + " pages, " + read.stream().mapToInt(Integer::intValue).sum();
  }
}
