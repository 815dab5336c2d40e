package dev.hypha.bench.dbos;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.config.DBOSConfig;
import dev.dbos.transact.workflow.Workflow;
import dev.dbos.transact.workflow.WorkflowHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Hypha's W1 on DBOS Transact: {@code runs} diamond workflows A -> (B, C) -> D, each step durably
 * checkpointed, started from 8 client threads, then all awaited. tasks/s = 4 * runs / seconds.
 *
 * <p>Settings (system properties): dbos.url (JDBC URL, default
 * jdbc:postgresql://127.0.0.1:5432/{dbos.db}), dbos.db (default dbos_w1), dbos.user (default
 * postgres), dbos.password (default empty), runs (2000), clients (8), rounds (3), warmupMillis
 * (10000). The first three may also be given as arguments: URL USER [PASSWORD].
 */
public final class DbosW1 {

  public interface Diamond {
    int diamond(int input);
  }

  /** B and C run one after the other: DBOS Java has no API to run two steps of one workflow at once. */
  public static final class DiamondImpl implements Diamond {
    private final DBOS dbos;

    DiamondImpl(DBOS dbos) {
      this.dbos = dbos;
    }

    @Workflow(name = "diamond")
    @Override
    public int diamond(int input) {
      int a = dbos.runStep(() -> input + 1, "a");
      int b = dbos.runStep(() -> a + 1, "b");
      int c = dbos.runStep(() -> a * 2, "c");
      return dbos.runStep(() -> b + c, "d");
    }
  }

  public static void main(String[] args) throws Exception {
    String db = System.getProperty("dbos.db", "dbos_w1");
    String url =
        args.length > 0
            ? args[0]
            : System.getProperty("dbos.url", "jdbc:postgresql://127.0.0.1:5432/" + db);
    String user = args.length > 1 ? args[1] : System.getProperty("dbos.user", "postgres");
    String password = args.length > 2 ? args[2] : System.getProperty("dbos.password", "");
    int runs = Integer.getInteger("runs", 2_000);
    int clients = Integer.getInteger("clients", 8);
    int rounds = Integer.getInteger("rounds", 3);
    long warmupMillis = Long.getLong("warmupMillis", 10_000);

    DBOSConfig config =
        DBOSConfig.defaults("hypha-w1")
            .withDatabaseUrl(url)
            .withDbUser(user)
            .withDbPassword(password)
            .disableAdminServer();
    try (DBOS dbos = new DBOS(config)) {
      Diamond diamond = dbos.registerProxy(Diamond.class, new DiamondImpl(dbos));
      dbos.launch();
      System.out.printf(Locale.ROOT, "# DBOS %s url=%s runs=%d clients=%d%n",
          DBOS.version(), url, runs, clients);

      long until = System.nanoTime() + warmupMillis * 1_000_000;
      int warmupBatches = 0;
      while (System.nanoTime() < until) {
        startAndAwait(dbos, diamond, Math.max(1, runs / 5), clients);
        warmupBatches++;
      }
      System.out.printf(Locale.ROOT, "# warm-up: %d batches of %d runs%n", warmupBatches, runs / 5);

      List<Double> results = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        long start = System.nanoTime();
        startAndAwait(dbos, diamond, runs, clients);
        double seconds = (System.nanoTime() - start) / 1e9;
        double tasksPerSecond = 4.0 * runs / seconds;
        results.add(tasksPerSecond);
        System.out.printf(Locale.ROOT, "W1 engine=dbos round=%d runs=%d seconds=%.2f tasks_per_s=%.0f%n",
            round, runs, seconds, tasksPerSecond);
      }
      List<Double> sorted = new ArrayList<>(results);
      sorted.sort(null);
      System.out.printf(Locale.ROOT, "W1 engine=dbos median_tasks_per_s=%.0f%n",
          sorted.get(sorted.size() / 2));
    }
  }

  /** Starts {@code count} workflows from {@code clients} threads, then awaits and checks every result. */
  private static void startAndAwait(DBOS dbos, Diamond diamond, int count, int clients)
      throws Exception {
    ExecutorService starters = Executors.newFixedThreadPool(clients);
    try {
      List<Future<WorkflowHandle<Integer, RuntimeException>>> started = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int input = i;
        started.add(starters.submit(() -> dbos.startWorkflow(() -> diamond.diamond(input))));
      }
      for (int i = 0; i < count; i++) {
        int result = started.get(i).get().getResult();
        int a = i + 1;
        if (result != (a + 1) + a * 2) {
          throw new IllegalStateException("run " + i + " returned " + result);
        }
      }
    } finally {
      starters.shutdown();
    }
  }
}
