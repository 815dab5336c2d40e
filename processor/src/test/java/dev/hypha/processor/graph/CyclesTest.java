package dev.hypha.processor.graph;

import static dev.hypha.processor.graph.GraphTask.of;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CyclesTest {

  @Test
  void acyclicGraphHasNoCycles() {
    TaskGraph graph = TaskGraph.of(List.of(of("a"), of("b", "a"), of("c", "a"), of("d", "b", "c")));

    assertThat(Cycles.find(graph)).isEmpty();
  }

  @Test
  void cycleStartsAtItsFirstTaskInSourceOrderAndFollowsDependsOn() {
    TaskGraph graph = TaskGraph.of(List.of(of("x"), of("b", "a"), of("c", "b"), of("a", "c")));

    assertThat(Cycles.find(graph)).containsExactly(List.of("b", "a", "c", "b"));
  }

  @Test
  void selfDependencyIsACycleOfOneTask() {
    TaskGraph graph = TaskGraph.of(List.of(of("a"), of("loop", "a", "loop")));

    assertThat(Cycles.find(graph)).containsExactly(List.of("loop", "loop"));
  }

  @Test
  void knotOfSeveralCyclesIsReportedOnceByItsShortestCycle() {
    // a -> b -> a and a -> c -> d -> a share task a: one report.
    TaskGraph graph =
        TaskGraph.of(List.of(of("a", "c", "b"), of("b", "a"), of("c", "d"), of("d", "a")));

    assertThat(Cycles.find(graph)).containsExactly(List.of("a", "b", "a"));
  }

  @Test
  void separateCyclesAreEachReportedInSourceOrder() {
    TaskGraph graph =
        TaskGraph.of(
            List.of(of("p", "q"), of("a", "b"), of("q", "p"), of("b", "a"), of("tail", "a")));

    assertThat(Cycles.find(graph)).containsExactly(List.of("p", "q", "p"), List.of("a", "b", "a"));
  }

  @Test
  void unknownDependenciesAreIgnored() {
    TaskGraph graph = TaskGraph.of(List.of(of("a", "ghost"), of("b", "a")));

    assertThat(Cycles.find(graph)).isEmpty();
  }

  @Test
  void longChainClosedIntoACycleDoesNotOverflowTheStack() {
    List<GraphTask> tasks = new ArrayList<>();
    int size = 20_000;
    tasks.add(of("t0", "t" + (size - 1)));
    for (int i = 1; i < size; i++) {
      tasks.add(of("t" + i, "t" + (i - 1)));
    }

    List<List<String>> cycles = Cycles.find(TaskGraph.of(tasks));

    assertThat(cycles).hasSize(1);
    assertThat(cycles.get(0)).hasSize(size + 1).startsWith("t0", "t" + (size - 1)).endsWith("t0");
  }
}
