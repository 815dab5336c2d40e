package dev.hypha.samples.delays;

import dev.hypha.annotations.Delay;
import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;
import dev.hypha.annotations.WaitUntil;
import java.time.Duration;
import java.time.Instant;

/**
 * A policy renewal, as the README's delays are written: the reminder waits until the instant the
 * renewal date task returned, and the follow-up a day after the reminder.
 */
@Flow
public class Renewal {
  public record Policy(String id, Instant expires) {}

  @Task
  public Instant renewalDate(@Input Policy policy) {
    return policy.expires().minus(Duration.ofDays(30));
  }

  @Task
  @DependsOn("renewalDate")
  public String remindRenewal(@WaitUntil Instant renewalDate, @Input Policy policy) {
    return "renew " + policy.id() + " by " + policy.expires();
  }

  @Task
  @DependsOn("remindRenewal")
  @Delay("P1D")
  public String followUp(String remindRenewal) {
    return "followed up: " + remindRenewal;
  }
}
