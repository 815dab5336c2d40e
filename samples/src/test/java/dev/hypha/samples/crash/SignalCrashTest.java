package dev.hypha.samples.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunQuery;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.runtime.testing.SharedStores;
import dev.hypha.samples.ChildJvm;
import dev.hypha.samples.approvals.ExpenseApproval;
import dev.hypha.samples.approvals.ExpenseApproval.Decision;
import dev.hypha.samples.approvals.ExpenseApproval.Expense;
import dev.hypha.samples.approvals.ExpenseApprovalFlow;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A process killed with SIGKILL while a run waits for a signal (its decision pending, its reminder
 * timer running): the next process finds both still waiting, the decision sent to it decides the
 * run, and nothing recorded runs again. On the embedded engines and on shared stores.
 */
class SignalCrashTest {
  static final Expense EXPENSE = new Expense("exp-9", "dan", new BigDecimal("18.00"));

  @TempDir Path dir;

  static List<String> kinds() {
    return FanOutCrashTest.kinds();
  }

  /** The approval flow whose office writes what it does to {@code log}, tagged {@code tag}. */
  static ExpenseApproval approval(SideEffectLog log, String tag) {
    return new ExpenseApproval(
        new ExpenseApproval.Office() {
          @Override
          public void remind(Expense expense) {
            log.append("remind " + expense.id() + " " + tag);
          }

          @Override
          public void pay(Expense expense) {
            log.append("pay " + expense.id() + " " + tag);
          }
        });
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aRunKilledWhileItsSignalIsPendingIsDecidedByTheSignalAfterTheRestart(String kind)
      throws Exception {
    boolean shared = kind.startsWith("SHARED");
    String store =
        shared
            ? SharedStores.fresh(kind.substring("SHARED ".length()), dir)
            : dir.resolve("approval.db").toString();
    String engine = shared ? "SHARED" : kind;
    Path log = dir.resolve("side-effects.log");
    try (ChildJvm child =
        ChildJvm.start(HalfwayWorker.class, store, log.toString(), engine, "approval")) {
      assertThat(child.awaitLine("halfway ", 60_000)).as(child.output()).isTrue();
      assertThat(child.kill()).as(child.output()).isEqualTo(137);
    }
    assertThat(SideEffectLog.read(log)).isEmpty();

    try (Hypha hypha = HalfwayWorker.open(engine, store)) {
      List<RunSummary> runs = hypha.history().find(RunQuery.builder().build()).items();
      assertThat(runs).hasSize(1);
      RunId id = runs.get(0).id();
      ExpenseApprovalFlow flow =
          ExpenseApprovalFlow.bind(hypha, approval(new SideEffectLog(log), "gen-2"));
      RunDetail waiting = hypha.history().detail(id).orElseThrow();
      assertThat(waiting.state()).isEqualTo(RunState.RUNNING);
      assertThat(waiting.task("decide").map(TaskRecord::state)).hasValue(TaskState.READY);

      flow.signalDecision(id, new Decision("manager:eve", true, "ok"));
      assertThat(flow.run(id).await(Duration.ofSeconds(30)))
          .isEqualTo("paid 18.00 to dan, approved by manager:eve");
      RunDetail done = hypha.history().detail(id).orElseThrow();
      assertThat(done.task("submit").map(TaskRecord::attempt)).as("not run again").hasValue(1);
      assertThat(done.task("decide").map(TaskRecord::attempt)).hasValue(1);
      assertThat(done.task("remind").flatMap(TaskRecord::outputJson)).hasValue("false");
    }
    assertThat(SideEffectLog.read(log)).containsExactly("pay exp-9 gen-2");
  }
}
