package dev.hypha.test;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Signal;
import dev.hypha.annotations.Task;
import java.util.Optional;

/** An expense that waits three days at most for a decision, then escalates. */
@Flow
public class Approval {
  /** A manager's decision. */
  public record Decision(String by, boolean approved) {}

  @Task
  public String submit(@Input String expense) {
    return expense;
  }

  @Task
  @DependsOn("submit")
  public String decide(
      String submit, @Signal(value = "decision", timeout = "P3D") Optional<Decision> decision) {
    return decision
        .map(d -> (d.approved() ? "approved " : "rejected ") + submit + " by " + d.by())
        .orElse("escalated " + submit);
  }
}
