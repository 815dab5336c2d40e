package dev.hypha.bench;

import java.util.Arrays;

/**
 * The benchmark jar's entry point.
 *
 * <pre>
 * java -jar bench/target/hypha-bench.jar                 # end-to-end workloads W1, W2, W3, H
 * java -jar bench/target/hypha-bench.jar W1 W3           # only some of them
 * java -jar bench/target/hypha-bench.jar jmh [options]   # JMH micro benchmarks
 * </pre>
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("jmh")) {
      org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    Workloads.main(args);
  }
}
