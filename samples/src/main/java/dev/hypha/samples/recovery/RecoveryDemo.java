package dev.hypha.samples.recovery;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunFailedException;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.RunSummary;
import dev.hypha.samples.HistoryPrinter;
import dev.hypha.samples.recovery.NightlyReport.Publication;
import dev.hypha.samples.recovery.NightlyReport.ReportRequest;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Failure and recovery in two steps, each a separate process on the same database:
 *
 * <pre>
 * RecoveryDemo crash [db]    starts a report whose process dies during summarize, and one that fails
 * RecoveryDemo [db]          opens the database again: the interrupted run goes on and succeeds
 * </pre>
 *
 * The second step prints the history: in the resumed run, fetch, clean and archive ran once (the
 * first process recorded them SUCCEEDED), summarize ran twice (it was caught RUNNING).
 */
public final class RecoveryDemo {
  static final Path DEFAULT_DATABASE = Path.of("recovery-demo.db");

  private RecoveryDemo() {}

  public static void main(String[] args) throws Exception {
    boolean crash = args.length > 0 && args[0].equals("crash");
    int first = crash ? 1 : 0;
    Path database = args.length > first ? Path.of(args[first]) : DEFAULT_DATABASE;
    if (crash) {
      crash(database, System.out);
    } else {
      resume(database, System.out);
    }
  }

  /** Step one: a report that fails on bad data, then one during which this process dies. */
  static void crash(Path database, PrintStream out) {
    try (Hypha hypha = Hypha.open(database)) {
      NightlyReportFlow flow = NightlyReportFlow.bind(hypha, new NightlyReport("summarize"));
      Run<Publication> bad = flow.start(new ReportRequest("2026-11-21", List.of(3, -1, 4)));
      try {
        bad.await(Duration.ofSeconds(30));
      } catch (RunFailedException e) {
        out.println("run " + bad.id() + " failed as expected: " + e.error().message());
      }
      Run<Publication> good = flow.start(new ReportRequest("2026-11-22", List.of(7, 3, 9, 4)));
      out.println("run " + good.id() + " started; its process is about to die");
      good.await(Duration.ofSeconds(30));
      out.println("unexpected: the process should have died during summarize");
    }
  }

  /** Step two: reopen, let the interrupted run finish, print the history. */
  static RunId resume(Path database, PrintStream out) {
    try (Hypha hypha = Hypha.open(database)) {
      NightlyReportFlow flow = NightlyReportFlow.bind(hypha, new NightlyReport());
      List<RunSummary> runs = flow.history().latest(10);
      RunId resumed = null;
      for (RunSummary summary : runs) {
        Run<Publication> run = flow.run(summary.id());
        if (summary.state() == RunState.RUNNING) {
          Publication publication = run.await(Duration.ofSeconds(30));
          out.println("run " + run.id() + " resumed and published " + publication.url());
          resumed = run.id();
        }
      }
      out.println();
      for (RunSummary summary : flow.history().latest(10)) {
        HistoryPrinter.print(out, flow.history().detail(summary.id()).orElseThrow());
      }
      return resumed;
    }
  }
}
