package dev.hypha.samples.spring;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.ContextClosedEvent;

/**
 * A source the restart tests add to the application (not scanned: it carries no stereotype): a
 * {@link Packer} that waits at a gate the test holds, and records what it packed.
 */
class GatedPackerConfig {
  /** The gate of the current test; each test sets a new one. */
  static volatile Gate gate = Gate.open();

  /** A latch the test opens, a latch the packer counts down on entry, and what it packed. */
  record Gate(
      CountDownLatch entered,
      CountDownLatch release,
      boolean openOnClose,
      long workMillis,
      List<String> packed) {
    static Gate open() {
      return new Gate(new CountDownLatch(1), new CountDownLatch(0), false, 0, list());
    }

    static Gate closed(boolean openOnClose, long workMillis) {
      return new Gate(
          new CountDownLatch(1), new CountDownLatch(1), openOnClose, workMillis, list());
    }

    private static List<String> list() {
      return new CopyOnWriteArrayList<>();
    }
  }

  @Bean
  @Primary
  Packer gatedPacker() {
    Gate mine = gate;
    return order -> {
      mine.entered().countDown();
      try {
        if (!mine.release().await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the test never opened the gate");
        }
        Thread.sleep(mine.workMillis()); // packing takes a while, past the context's close
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while packing " + order, e);
      }
      mine.packed().add(order);
      return "box(" + order + ")";
    };
  }

  /** Opens the gate once the context starts closing, if the test asked for it. */
  @Bean
  ApplicationListener<ContextClosedEvent> openGateOnClose() {
    Gate mine = gate;
    return event -> {
      if (mine.openOnClose()) {
        mine.release().countDown();
      }
    };
  }
}
