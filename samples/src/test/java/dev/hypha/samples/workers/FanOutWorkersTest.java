package dev.hypha.samples.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.runtime.testing.SharedStores;
import dev.hypha.samples.ChildJvm;
import dev.hypha.samples.whois.DomainReport;
import dev.hypha.samples.whois.DomainReportFlow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two worker JVMs share the instances of the fan-outs of runs a client starts: each instance runs
 * once, wherever it is claimed, every fan-out collects its outputs in list order, and each run ends
 * with the report of its own domain.
 */
class FanOutWorkersTest {
  @TempDir Path dir;

  static List<String> kinds() {
    return SharedStores.kinds();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void twoWorkerProcessesShareTheInstancesOfFanOuts(String kind) throws Exception {
    String url = SharedStores.fresh(kind, dir);
    try (ChildJvm first = WorkerProcess.start(url, "w1", "default", 2, "domain-report");
        ChildJvm second = WorkerProcess.start(url, "w2", "default", 2, "domain-report");
        Hypha client = Hypha.connect(url)) {
      DomainReportFlow flow = DomainReportFlow.client(client);
      List<Run<DomainReport.Report>> runs = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        runs.add(flow.start("site" + i + ".example.org"));
      }
      for (int i = 0; i < runs.size(); i++) {
        String domain = "site" + i + ".example.org";
        DomainReport.Report report = runs.get(i).await(Duration.ofSeconds(60));
        assertThat(report.domain()).isEqualTo(domain);
        assertThat(report.addresses())
            .containsExactly(
                domain + " has address 192.0.2." + domain.length(),
                "www." + domain + " has address 192.0.2." + (domain.length() + 4));
        assertThat(report.owners()).containsExactly(domain + " is held by Example Holdings");
        assertThat(report.places()).containsExactly("www." + domain + " is served from Amsterdam");
        RunDetail detail = runs.get(i).detail();
        assertThat(detail.tasks())
            .filteredOn(task -> task.name().contains("["))
            .extracting(TaskRecord::state, TaskRecord::attempt)
            .containsOnly(org.assertj.core.groups.Tuple.tuple(TaskState.SUCCEEDED, 1))
            .hasSize(4);
      }
    }
  }
}
