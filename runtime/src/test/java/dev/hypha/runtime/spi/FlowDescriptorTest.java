package dev.hypha.runtime.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.testing.Graphs;
import org.junit.jupiter.api.Test;

/** A descriptor is immutable: what its accessors return cannot change it. */
class FlowDescriptorTest {
  private final FlowDescriptor diamond = Graphs.diamond("diamond").descriptor();

  @Test
  void changingReturnedDependenciesChangesNothing() {
    diamond.dependencies(3)[0] = 0;

    assertThat(diamond.dependencies(3)).containsExactly(1, 2);
  }

  @Test
  void changingReturnedDependentsChangesNothing() {
    diamond.dependents(0)[1] = 3;

    assertThat(diamond.dependents(0)).containsExactly(1, 2);
  }

  @Test
  void changingReturnedSinksChangesNothing() {
    diamond.sinks()[0] = 0;

    assertThat(diamond.sinks()).containsExactly(3);
  }
}
