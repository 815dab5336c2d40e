package dev.hypha.processor.graph;

import static dev.hypha.processor.graph.GraphTask.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopologicalOrderTest {

  @Test
  void everyTaskComesAfterItsDependencies() {
    TaskGraph graph =
        TaskGraph.of(
            List.of(
                of("ship", "charge", "reserve"),
                of("charge", "load"),
                of("reserve", "load"),
                of("load")));

    assertThat(TopologicalOrder.tasks(graph))
        .extracting(GraphTask::name)
        .containsExactly("load", "charge", "reserve", "ship");
  }

  @Test
  void tasksReadyTogetherKeepSourceOrder() {
    TaskGraph graph = TaskGraph.of(List.of(of("c"), of("a", "c"), of("b"), of("z"), of("y", "z")));

    assertThat(TopologicalOrder.of(graph)).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void lateReadyTaskWaitsForEarlierReadyOnes() {
    TaskGraph graph = TaskGraph.of(List.of(of("d", "b"), of("a"), of("b", "a"), of("c")));

    assertThat(TopologicalOrder.tasks(graph))
        .extracting(GraphTask::name)
        .containsExactly("a", "b", "d", "c");
  }

  @Test
  void graphWithACycleHasNoOrder() {
    TaskGraph graph = TaskGraph.of(List.of(of("a", "b"), of("b", "a")));

    assertThatThrownBy(() -> TopologicalOrder.of(graph))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[a, b, a]");
  }
}
