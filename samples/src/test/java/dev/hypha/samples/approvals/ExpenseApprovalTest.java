package dev.hypha.samples.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.InvalidInputException;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.samples.Eventually;
import dev.hypha.samples.approvals.ExpenseApproval.Decision;
import dev.hypha.samples.approvals.ExpenseApproval.Expense;
import dev.hypha.test.HyphaTest;
import dev.hypha.test.TestClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The approval sample through the real processor: a manager's decision, sent as a typed signal,
 * decides the expense; a decision by anybody else is kept but taken by no task; nobody deciding for
 * a day brings one reminder, for three days an escalation. The test's clock stands still unless the
 * test moves it, or skips to the next due time while the test awaits the run.
 */
@HyphaTest
class ExpenseApprovalTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Expense LUNCH = new Expense("exp-7", "ann", new BigDecimal("42.50"));

  /** What the office was asked to do, in order. */
  private final List<String> office = new CopyOnWriteArrayList<>();

  private ExpenseApproval approval() {
    return new ExpenseApproval(
        new ExpenseApproval.Office() {
          @Override
          public void remind(Expense expense) {
            office.add("remind about " + expense.id());
          }

          @Override
          public void pay(Expense expense) {
            office.add("pay " + expense.id());
          }
        });
  }

  private static TaskRecord task(Hypha hypha, RunId id, String name) {
    return hypha.history().detail(id).orElseThrow().task(name).orElseThrow();
  }

  private static void awaitWaiting(Hypha hypha, RunId id) throws InterruptedException {
    assertThat(
            Eventually.within(
                Duration.ofSeconds(20),
                () ->
                    hypha
                            .history()
                            .detail(id)
                            .flatMap(detail -> detail.task("decide"))
                            .map(TaskRecord::state)
                            .orElse(TaskState.PENDING)
                        == TaskState.READY))
        .as("decide waits for a decision")
        .isTrue();
  }

  @ParameterizedTest
  @EnumSource(HyphaTest.Engine.class)
  void aManagersDecisionDecidesAndAnybodyElsesIsIgnored(HyphaTest.Engine engine, Hypha hypha)
      throws InterruptedException {
    ExpenseApprovalFlow flow = ExpenseApprovalFlow.bind(hypha, approval());
    Run<String> run = flow.start(LUNCH);
    awaitWaiting(hypha, run.id());
    flow.signalDecision(run.id(), new Decision("intern:cy", false, "too much"));
    flow.signalDecision(run.id(), new Decision("manager:bo", true, "fine"));
    assertThat(run.await(WAIT)).isEqualTo("paid 42.50 to ann, approved by manager:bo");
    assertThat(office).containsExactly("pay exp-7");
    assertThat(flow.outputs(run.id()).remind()).hasValue(false);
    assertThat(task(hypha, run.id(), "decide").inputJson())
        .hasValue("{\"approver\":\"manager:bo\",\"approved\":true,\"note\":\"fine\"}");
  }

  @ParameterizedTest
  @EnumSource(HyphaTest.Engine.class)
  void nobodyDecidingForADayBringsOneReminderThenTheDecisionCountsAsUsual(
      HyphaTest.Engine engine, Hypha hypha, TestClock clock) throws InterruptedException {
    ExpenseApprovalFlow flow = ExpenseApprovalFlow.bind(hypha, approval());
    Run<String> run = flow.start(LUNCH);
    awaitWaiting(hypha, run.id());
    clock.advance(Duration.ofHours(25));
    assertThat(
            Eventually.within(
                Duration.ofSeconds(20),
                () -> task(hypha, run.id(), "remind").state() == TaskState.SUCCEEDED))
        .as("the reminder")
        .isTrue();
    assertThat(office).containsExactly("remind about exp-7");
    // By name with JSON, as the REST API and the CLI send it.
    hypha.signal(
        run.id(),
        "decision",
        "{\"approver\":\"manager:bo\",\"approved\":false,\"note\":\"no receipt\"}");
    assertThat(run.await(WAIT)).isEqualTo("rejected by manager:bo: no receipt (after a reminder)");
    assertThat(office).containsExactly("remind about exp-7");
  }

  @ParameterizedTest
  @EnumSource(HyphaTest.Engine.class)
  void nobodyDecidingForThreeDaysEscalates(HyphaTest.Engine engine, Hypha hypha) {
    Run<String> run = ExpenseApprovalFlow.bind(hypha, approval()).start(LUNCH);
    assertThat(run.await(WAIT))
        .isEqualTo("escalated: no decision on exp-7 within 3 days (after a reminder)");
    assertThat(office).containsExactly("remind about exp-7");
    assertThat(task(hypha, run.id(), "decide").inputJson()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(HyphaTest.Engine.class)
  void aDecisionThatIsNotADecisionIsRefusedNamingItsType(HyphaTest.Engine engine, Hypha hypha)
      throws InterruptedException {
    ExpenseApprovalFlow flow = ExpenseApprovalFlow.bind(hypha, approval());
    Run<String> run = flow.start(LUNCH);
    awaitWaiting(hypha, run.id());
    assertThatThrownBy(() -> hypha.signal(run.id(), "decision", "{\"approved\":\"maybe\"}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("the payload of signal decision of flow expense-approval")
        .hasMessageContaining("Decision");
    flow.signalDecision(run.id(), new Decision("manager:bo", true, "ok"));
    assertThat(run.await(WAIT)).startsWith("paid 42.50");
  }
}
