package dev.hypha.bench;

import java.lang.reflect.Method;

/**
 * Optional CPU profiles of the measured part of each workload, through async-profiler when its jar
 * is on the class path: {@code -Dbench.profile=<folder>} writes {@code <workload>.collapsed} there
 * (collapsed stacks, one line per stack). Without the property this does nothing.
 */
final class Profiling {
  private static final String FOLDER = System.getProperty("bench.profile");

  private Profiling() {}

  static void start() {
    if (FOLDER != null) {
      execute("start,event=cpu,interval=1ms,threads");
    }
  }

  static void stop(String workload) {
    if (FOLDER != null) {
      execute("stop,file=" + FOLDER + "/" + workload + ".collapsed,collapsed");
    }
  }

  private static void execute(String command) {
    try {
      Class<?> profiler = Class.forName("one.profiler.AsyncProfiler");
      Object instance =
          profiler
              .getMethod("getInstance", String.class)
              .invoke(null, System.getProperty("bench.profiler.lib"));
      Method execute = profiler.getMethod("execute", String.class);
      execute.invoke(instance, command);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "-Dbench.profile needs async-profiler's jar on the class path and"
              + " -Dbench.profiler.lib=<path of libasyncProfiler.so>",
          e);
    }
  }
}
