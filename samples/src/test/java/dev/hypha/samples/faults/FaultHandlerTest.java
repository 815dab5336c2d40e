package dev.hypha.samples.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.hypha.runtime.AttemptRecord;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunFailedException;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.samples.Journal;
import dev.hypha.samples.faults.Quote.NoFallbackException;
import dev.hypha.samples.faults.Quote.Price;
import dev.hypha.samples.faults.Quote.Pricing;
import dev.hypha.samples.faults.Quote.PricingDownException;
import dev.hypha.samples.faults.Quote.QuoteRequest;
import dev.hypha.test.HyphaTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code @OnFault}: a substitute output recovers the task; a rethrow fails it. */
@HyphaTest
class FaultHandlerTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @ParameterizedTest
  @EnumSource(HyphaTest.Engine.class)
  void aHandlerReturningASubstituteRecoversTheTaskKeepingItsErrorAndTheRunGoesOn(
      HyphaTest.Engine engine, Hypha hypha) {
    Journal journal = new Journal();
    QuoteFlow flow = QuoteFlow.bind(hypha, new Quote(journal));
    Run<String> run = flow.start(new QuoteRequest("sku-1", Pricing.DOWN));
    assertThat(run.await(WAIT)).isEqualTo("sku-1 at 1500 cents (list price)");

    RunDetail detail = run.detail();
    assertThat(detail.state()).isEqualTo(RunState.SUCCEEDED);
    TaskRecord price = detail.task("price").orElseThrow();
    assertThat(price.state()).isEqualTo(TaskState.RECOVERED);
    assertThat(price.attempt()).as("the handler runs once the retries are over").isEqualTo(2);
    assertThat(price.error())
        .hasValueSatisfying(
            error -> {
              assertThat(error.type()).isEqualTo(PricingDownException.class.getName());
              assertThat(error.message()).isEqualTo("pricing service down (attempt 2)");
            });
    assertThat(flow.outputs(run.id()).price()).contains(new Price("sku-1", 1500, "list price"));
    assertThat(detail.task("offer").get().state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(detail.tasks()).as("a fault handler has no row of its own").hasSize(2);
    assertThat(journal.entries())
        .containsExactly(
            "price attempt 1",
            "price attempt 2",
            "listPrice after: pricing service down (attempt 2)");
  }

  @ParameterizedTest
  @EnumSource(HyphaTest.Engine.class)
  void aHandlerThatRethrowsFailsTheTaskWithWhatItThrew(HyphaTest.Engine engine, Hypha hypha) {
    Journal journal = new Journal();
    Run<String> run =
        QuoteFlow.bind(hypha, new Quote(journal))
            .start(new QuoteRequest("sku-2", Pricing.DOWN_WITHOUT_FALLBACK));
    assertThatThrownBy(() -> run.await(WAIT))
        .isInstanceOfSatisfying(
            RunFailedException.class,
            failed -> {
              assertThat(failed.error().task()).isEqualTo("price");
              assertThat(failed.error().type()).isEqualTo(NoFallbackException.class.getName());
            });

    RunDetail detail = run.detail();
    TaskRecord price = detail.task("price").orElseThrow();
    assertThat(price.state()).isEqualTo(TaskState.FAILED);
    assertThat(price.error().map(TaskError::message)).contains("no list price for sku-2");
    assertThat(detail.task("offer").get().state()).isEqualTo(TaskState.SKIPPED);
    assertThat(journal.entries())
        .containsOnlyOnce("listPrice after: pricing service down (attempt 2)");
  }

  /**
   * The attempt a fault handler took over failed like any other: it is in the task's failures with
   * the error it threw, whether the handler then recovered the task or threw something else.
   */
  @ParameterizedTest
  @EnumSource(HyphaTest.Engine.class)
  void everyAttemptOfAHandledTaskIsRecordedWithTheErrorTheAttemptThrew(
      HyphaTest.Engine engine, Hypha hypha) {
    QuoteFlow flow = QuoteFlow.bind(hypha, new Quote(new Journal()));
    Run<String> recovered = flow.start(new QuoteRequest("sku-4", Pricing.DOWN));
    Run<String> rethrown = flow.start(new QuoteRequest("sku-5", Pricing.DOWN_WITHOUT_FALLBACK));
    recovered.await(WAIT);
    assertThatThrownBy(() -> rethrown.await(WAIT)).isInstanceOf(RunFailedException.class);

    for (Run<String> run : List.of(recovered, rethrown)) {
      TaskRecord price = run.detail().task("price").orElseThrow();
      assertThat(price.failures())
          .as("%s task price", price.state())
          .extracting(AttemptRecord::attempt, failure -> failure.error().message())
          .containsExactly(
              tuple(1, "pricing service down (attempt 1)"),
              tuple(2, "pricing service down (attempt 2)"));
    }
  }

  /** A recovered task has an output like a succeeded one: here, the run's result. */
  @ParameterizedTest
  @EnumSource(HyphaTest.Engine.class)
  void aRecoveredResultTaskIsTheRunsResult(HyphaTest.Engine engine, Hypha hypha) {
    Lookup.Address expected = new Lookup.Address("as entered by ada", false);
    LookupFlow flow = LookupFlow.bind(hypha, new Lookup());
    Run<Lookup.Address> run = flow.start("ada");
    assertThat(run.await(WAIT)).isEqualTo(expected);
    assertThat(run.detail().task("address").get().state()).isEqualTo(TaskState.RECOVERED);
    assertThat(flow.run(run.id()).resultNow()).contains(expected);
    assertThat(flow.history().result(run.id())).contains(expected);
    assertThat(flow.outputs(run.id()).address()).contains(expected);
  }

  @ParameterizedTest
  @EnumSource(HyphaTest.Engine.class)
  void anErrorTheHandlerDoesNotListFailsTheTaskWithoutCallingIt(
      HyphaTest.Engine engine, Hypha hypha) {
    Journal journal = new Journal();
    Run<String> run =
        QuoteFlow.bind(hypha, new Quote(journal)).start(new QuoteRequest("sku-3", Pricing.BROKEN));
    assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunFailedException.class);

    TaskRecord price = run.detail().task("price").orElseThrow();
    assertThat(price.state()).isEqualTo(TaskState.FAILED);
    assertThat(price.error().map(TaskError::type))
        .contains(IllegalArgumentException.class.getName());
    assertThat(journal.entries()).containsExactly("price attempt 1", "price attempt 2");
  }
}
