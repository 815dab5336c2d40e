package dev.hypha.samples.whois;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunFailedException;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.test.HyphaTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Cameron's whois flow through the real processor: the lookups {@code plan} decides on run, each
 * kind in its own task, in parallel; when one fails the others still complete and are recorded.
 */
@HyphaTest
class DomainReportTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @ParameterizedTest
  @EnumSource(HyphaTest.Engine.class)
  void theLookupsThePlanDecidesOnRunAndTheReportCollectsThem(HyphaTest.Engine engine, Hypha hypha) {
    DomainReportFlow flow = DomainReportFlow.bind(hypha, new DomainReport());
    Run<DomainReport.Report> run = flow.start("example.org");
    DomainReport.Report report = run.await(WAIT);
    assertThat(report.addresses())
        .containsExactly(
            "example.org has address 192.0.2.11", "www.example.org has address 192.0.2.15");
    assertThat(report.owners()).containsExactly("example.org is held by Example Holdings");
    assertThat(report.places()).containsExactly("www.example.org is served from Amsterdam");
    assertThat(run.detail().tasks())
        .extracting(TaskRecord::name, TaskRecord::state)
        .contains(
            tuple("dns[0]", TaskState.SUCCEEDED),
            tuple("dns[1]", TaskState.SUCCEEDED),
            tuple("whois[0]", TaskState.SUCCEEDED),
            tuple("geo[0]", TaskState.SUCCEEDED));

    // Decided at run time: a .test domain gets no geo lookup, and geo succeeds with none.
    DomainReport.Report local = flow.start("shop.test").await(WAIT);
    assertThat(local.places()).isEmpty();
    assertThat(local.addresses()).hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(HyphaTest.Engine.class)
  void aFailingLookupIsRecordedWhileTheOthersComplete(HyphaTest.Engine engine, Hypha hypha) {
    DomainReportFlow flow = DomainReportFlow.bind(hypha, new DomainReport());
    Run<DomainReport.Report> run = flow.start("private.example");
    assertThatThrownBy(() -> run.await(WAIT))
        .isInstanceOf(RunFailedException.class)
        .hasMessageContaining("whois[0]")
        .hasMessageContaining("the registry withholds the holder of private.example");
    RunDetail detail = run.detail();
    assertThat(detail.state()).isEqualTo(RunState.FAILED);
    assertThat(detail.tasks())
        .extracting(TaskRecord::name, TaskRecord::state)
        .containsExactlyInAnyOrderElementsOf(
            List.of(
                tuple("plan", TaskState.SUCCEEDED),
                tuple("dns", TaskState.SUCCEEDED),
                tuple("whois", TaskState.FAILED),
                tuple("geo", TaskState.SUCCEEDED),
                tuple("report", TaskState.SKIPPED),
                tuple("dns[0]", TaskState.SUCCEEDED),
                tuple("dns[1]", TaskState.SUCCEEDED),
                tuple("whois[0]", TaskState.FAILED),
                tuple("geo[0]", TaskState.SUCCEEDED)));
    assertThat(flow.outputs(run.id()).geo())
        .hasValue(List.of("www.private.example is served from Amsterdam"));
  }
}
