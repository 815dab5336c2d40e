package dev.hypha.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.runtime.spi.TaskDescriptor;
import dev.hypha.runtime.spi.TypeRef;
import org.junit.jupiter.api.Test;

class DotGraphTest {
  @Test
  void namesAreQuotedAndEscaped() {
    FlowDescriptor flow =
        FlowDescriptor.builder("say \"hi\" \\ there")
            .task(TaskDescriptor.builder("load", TypeRef.of(String.class)).build())
            .task(
                TaskDescriptor.builder("send-mail", TypeRef.of(String.class))
                    .queue("mail \"out\"")
                    .dependsOn("load")
                    .build())
            .shapeHash("abc")
            .build();

    assertThat(DotGraph.of(flow))
        .isEqualTo(
            """
            digraph "say \\"hi\\" \\\\ there" {
              rankdir=LR;
              node [shape=box];
              "load" [label="load"];
              "send-mail" [label="send-mail\\nqueue mail \\"out\\""];
              "load" -> "send-mail";
            }
            """);
  }
}
