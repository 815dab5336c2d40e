package dev.hypha.samples.flaky;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.samples.HistoryPrinter;
import dev.hypha.samples.ProgressPrinter;
import dev.hypha.samples.flaky.CatalogImport.ImportRequest;
import dev.hypha.samples.flaky.CatalogImport.Published;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The retry sample: one import through {@link CatalogImport} whose supplier times out twice. The
 * download fails on its first two attempts, each recorded with its error while the task waits READY
 * for the next one's due time, and succeeds on the third. Prints each change as it is committed,
 * then the run's history.
 *
 * <pre>
 * FlakyImportDemo [db]    the database file, ./flaky-demo.db by default
 * </pre>
 */
public final class FlakyImportDemo {
  static final Path DEFAULT_DATABASE = Path.of("flaky-demo.db");
  private static final Duration WAIT = Duration.ofSeconds(30);

  private FlakyImportDemo() {}

  public static void main(String[] args) throws Exception {
    run(args.length > 0 ? Path.of(args[0]) : DEFAULT_DATABASE, System.out);
  }

  /** Runs the import against {@code database}, printing to {@code out}; returns its history. */
  public static RunDetail run(Path database, PrintStream out) throws Exception {
    ProgressPrinter progress = new ProgressPrinter(out);
    try (Hypha hypha = Hypha.builder().path(database).listener(progress).open()) {
      CatalogImportFlow flow =
          CatalogImportFlow.bind(hypha, new CatalogImport(new FlakySupplier(2), out));
      out.println("Importing the spring catalogue of tea-supplies.example:");
      Run<Published> run = flow.start(new ImportRequest("tea-supplies.example", "spring"));
      Published published = run.await(WAIT);
      progress.awaitRunsEnded(1, WAIT);
      out.println(
          "  published " + published.skus().size() + " products as " + published.catalogue());
      out.println();
      RunDetail detail = run.detail();
      out.println("History of flow " + CatalogImportFlow.NAME + ":");
      HistoryPrinter.print(out, detail);
      return detail;
    }
  }
}
