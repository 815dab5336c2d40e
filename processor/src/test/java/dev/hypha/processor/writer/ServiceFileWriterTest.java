package dev.hypha.processor.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceFileWriterTest {

  @Test
  void parseDropsCommentsBlankLinesAndSurroundingSpace() {
    String text = "# generated\n  a.BFlow$Definition  \n\na.AFlow$Definition # first\r\n";

    assertThat(ServiceFileWriter.parse(text))
        .containsExactly("a.AFlow$Definition", "a.BFlow$Definition");
  }

  @Test
  void formatWritesOneSortedNamePerLine() {
    assertThat(ServiceFileWriter.format(Set.of("b.X$Definition", "a.Y$Definition")))
        .isEqualTo("a.Y$Definition\nb.X$Definition\n");
  }

  @Test
  void formatOfParseKeepsEveryName() {
    String text = "a.AFlow$Definition\nb.BFlow$Definition\n";

    assertThat(ServiceFileWriter.format(ServiceFileWriter.parse(text))).isEqualTo(text);
  }
}
