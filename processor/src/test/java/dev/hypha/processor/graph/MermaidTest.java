package dev.hypha.processor.graph;

import static dev.hypha.processor.graph.GraphTask.of;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MermaidTest {

  @Test
  void oneLinePerEdgeInTaskOrder() {
    String chart =
        Mermaid.render(
            List.of(
                of("load"),
                of("charge", "load"),
                of("reserve", "load"),
                of("ship", "charge", "reserve")));

    assertThat(chart)
        .isEqualTo(
            "graph TD\n"
                + "  load --> charge\n"
                + "  load --> reserve\n"
                + "  charge --> ship\n"
                + "  reserve --> ship");
  }

  @Test
  void isolatedTaskIsALoneNode() {
    assertThat(Mermaid.render(List.of(of("load"), of("audit"), of("ship", "load"))))
        .isEqualTo("graph TD\n  audit\n  load --> ship");
  }

  @Test
  void namesThatAreNotPlainIdentifiersGetAQuotedLabelOnce() {
    String chart =
        Mermaid.render(
            List.of(of("load-order"), of("end", "load-order"), of("ship", "load-order", "end")));

    assertThat(chart)
        .isEqualTo(
            "graph TD\n"
                + "  t0[\"load-order\"] --> t1[\"end\"]\n"
                + "  t0 --> ship\n"
                + "  t1 --> ship");
  }

  @Test
  void branchesAreLabelledAndJoinsDotted() {
    String chart =
        Mermaid.render(
            List.of(
                of("decide"),
                new GraphTask(
                    "approve",
                    "default",
                    "shop.Letter",
                    List.of("decide"),
                    Map.of("decide", GraphEdge.variant("shop.Approved", "Approved"))),
                of("find"),
                new GraphTask(
                    "use",
                    "default",
                    "shop.Use",
                    List.of("find"),
                    Map.of("find", GraphEdge.present())),
                new GraphTask(
                    "notify-all",
                    "default",
                    "shop.Sent",
                    List.of("decide", "approve"),
                    Map.of("approve", GraphEdge.optional()))));

    assertThat(chart)
        .isEqualTo(
            "graph TD\n"
                + "  decide -->|Approved| approve\n"
                + "  find -->|present| use\n"
                + "  decide --> t4[\"notify-all\"]\n"
                + "  approve -.-> t4");
  }

  @Test
  void fanOutsAreLabelled() {
    String chart =
        Mermaid.render(
            List.of(
                of("split"),
                new GraphTask(
                    "ocr",
                    "default",
                    "java.util.List<shop.Text>",
                    List.of("split"),
                    Map.of("split", GraphEdge.forEach())),
                of("collect", "ocr")));

    assertThat(chart).isEqualTo("graph TD\n  split -->|for each| ocr\n  ocr --> collect");
  }

  @Test
  void edgeALoopStartsFromIsLabelled() {
    String chart =
        Mermaid.render(
            List.of(
                of("open"),
                new GraphTask(
                    "haggle",
                    "default",
                    "shop.Deal",
                    List.of("open"),
                    Map.of("open", GraphEdge.loop())),
                of("sign", "haggle")));

    assertThat(chart).isEqualTo("graph TD\n  open -->|loop| haggle\n  haggle --> sign");
  }

  @Test
  void taskThatStartsASubFlowIsASubroutineNodeDeclaredWhereItFirstAppears() {
    String chart =
        Mermaid.render(
            List.of(
                of("load"),
                of("bill", "load").startingSubFlow(),
                of("send", "bill"),
                of("audit", "bill"),
                of("pay-out").startingSubFlow(),
                of("refund", "pay-out").startingSubFlow(),
                of("alone").startingSubFlow()));

    assertThat(chart)
        .isEqualTo(
            "graph TD\n"
                + "  load --> bill[[bill]]\n"
                + "  bill --> send\n"
                + "  bill --> audit\n"
                + "  t4[[\"pay-out\"]] --> refund[[refund]]\n"
                + "  alone[[alone]]");
  }

  @Test
  void signalIsANodeDeclaredOnceWithADottedEdgeIntoEachTaskThatWaitsForIt() {
    String chart =
        Mermaid.render(
            List.of(
                waiting(of("notes"), "reviewer-notes"),
                of("request"),
                waiting(of("decide", "request", "notes"), "approval"),
                waiting(of("remind", "request"), "approval"),
                waiting(of("signal_approval"), "late")));

    assertThat(chart)
        .isEqualTo(
            "graph TD\n"
                + "  signal_reviewer_notes[/reviewer-notes/] -.->|signal| notes\n"
                + "  request --> decide\n"
                + "  notes --> decide\n"
                + "  signal_approval_[/approval/] -.->|signal| decide\n"
                + "  request --> remind\n"
                + "  signal_approval_ -.->|signal| remind\n"
                + "  signal_late[/late/] -.->|signal| signal_approval");
  }

  @Test
  void signalsWhoseIdsWouldBeTheSameGetTheirOwnNodes() {
    String chart =
        Mermaid.render(
            List.of(waiting(of("a"), "a-b"), waiting(of("b"), "a_b"), waiting(of("c"), "a-b")));

    assertThat(chart)
        .isEqualTo(
            "graph TD\n"
                + "  signal_a_b[/a-b/] -.->|signal| a\n"
                + "  signal_a_b_[/a_b/] -.->|signal| b\n"
                + "  signal_a_b -.->|signal| c");
  }

  private static GraphTask waiting(GraphTask task, String signal) {
    return new GraphTask(
        task.name(),
        task.queue(),
        task.outputType(),
        task.dependsOn(),
        task.edges(),
        Optional.of(new GraphSignal(signal, "java.lang.String")));
  }

  @Test
  void fanOutsThatRouteBySubtypeAreLabelledWithIt() {
    String chart =
        Mermaid.render(
            List.of(
                of("plan"),
                new GraphTask(
                    "dns",
                    "default",
                    "java.util.List<shop.Address>",
                    List.of("plan"),
                    Map.of("plan", GraphEdge.forEach("shop.Lookup.Dns", "Dns"))),
                new GraphTask(
                    "audit",
                    "default",
                    "java.util.List<java.lang.String>",
                    List.of("plan"),
                    Map.of("plan", GraphEdge.forEach()))));

    assertThat(chart)
        .isEqualTo("graph TD\n  plan -->|for each Dns| dns\n  plan -->|for each| audit");
  }

  @Test
  void plainIdentifiersAreUsedAsTheyAre() {
    assertThat(Mermaid.isPlain("load_2")).isTrue();
    assertThat(Mermaid.isPlain("two-words")).isFalse();
    assertThat(Mermaid.isPlain("End")).isFalse();
    assertThat(Mermaid.isPlain("graph")).isFalse();
  }
}
