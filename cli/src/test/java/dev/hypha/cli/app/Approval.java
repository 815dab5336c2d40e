package dev.hypha.cli.app;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Signal;
import dev.hypha.annotations.Task;

/** A flow that waits for the signal {@code decision} after its request is submitted. */
@Flow
public class Approval {
  /** Who decided what. */
  public record Decision(String approver, boolean approved) {}

  @Task
  public String submit(@Input String request) {
    return request;
  }

  @Task
  @DependsOn("submit")
  public String decide(String submit, @Signal("decision") Decision decision) {
    return (decision.approved() ? "approved " : "rejected ")
        + submit
        + " by "
        + decision.approver();
  }
}
