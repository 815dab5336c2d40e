package dev.hypha.runtime.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.HyphaException;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.StoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Defect (seen once in CI on PostgreSQL): an interrupt that reached an awaiting thread while it
 * waited for a pooled connection, not while it slept between two reads, ended the await with the
 * store's "interrupted while waiting to read database" instead of the await's own message. Both now
 * end the same way.
 */
class StoredEndTest {
  private static final RunId RUN = RunId.of("01a22cd5-a0ff-728b-9be8-844e069574ae");

  @AfterEach
  void clearTheFlag() {
    Thread.interrupted();
  }

  @Test
  void aReadCutShortByAnInterruptEndsTheAwaitAsAnInterruptedSleepDoes() {
    StoreException cut =
        new StoreException("db", "interrupted while waiting to read database db", null);
    assertThatThrownBy(
            () ->
                StoredEnd.await(
                    RUN,
                    () -> {
                      Thread.currentThread().interrupt(); // as the store does, keeping the flag
                      throw cut;
                    },
                    null,
                    summary -> "never"))
        .isInstanceOf(HyphaException.class)
        .hasMessage("interrupted while awaiting run " + RUN + "; it goes on")
        .hasCause(cut);
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }

  @Test
  void aReadThatFailsForAnotherReasonSaysThatReason() {
    StoreException failed = new StoreException("db", "database db is locked", null);
    assertThatThrownBy(
            () ->
                StoredEnd.await(
                    RUN,
                    () -> {
                      throw failed;
                    },
                    null,
                    summary -> "never"))
        .isSameAs(failed);
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }
}
