package dev.hypha.samples.claims;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.RunDetail;
import dev.hypha.samples.HistoryPrinter;
import dev.hypha.samples.claims.ClaimReview.Claim;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The branches sample: three claims through {@link ClaimReview}, one down each way. Prints each
 * run's result, then its history, where the ways not taken are SKIPPED (not taken).
 *
 * <pre>
 * ClaimsDemo [db]    the database file, ./claims-demo.db by default
 * </pre>
 */
public final class ClaimsDemo {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private ClaimsDemo() {}

  public static void main(String[] args) throws Exception {
    run(args.length > 0 ? Path.of(args[0]) : Path.of("claims-demo.db"), System.out);
  }

  /** Runs the three claims against {@code database}, printing to {@code out}; their history. */
  public static List<RunDetail> run(Path database, PrintStream out) throws Exception {
    List<RunDetail> history = new ArrayList<>();
    try (Hypha hypha = Hypha.open(database)) {
      ClaimReviewFlow flow = ClaimReviewFlow.bind(hypha, new ClaimReview());
      for (Claim claim : claims()) {
        var run = flow.start(claim);
        ClaimReviewFlow.Result result = run.await(WAIT);
        out.println("Claim " + claim.id() + ": " + result.send());
        result.alert().ifPresent(alert -> out.println("  " + alert));
        history.add(run.detail());
      }
      out.println();
      history.forEach(detail -> HistoryPrinter.print(out, detail));
    }
    return history;
  }

  /** One claim per way: paid, refused, investigated. */
  public static List<Claim> claims() {
    return List.of(
        new Claim("c-1", "ada", 800, true),
        new Claim("c-2", "bob", 300, false),
        new Claim("c-3", "cy", 25_000, true));
  }
}
