package dev.hypha.server.flows;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Signal;
import dev.hypha.annotations.Task;

/** A request that waits for a person's decision, sent as the signal {@code decision}. */
@Flow
public class Approval {
  /** What is asked for. */
  public record Request(String id, int amount) {}

  /** What was decided, and by whom. */
  public record Decision(boolean approved, String by) {}

  @Task
  public Request submit(@Input Request request) {
    return request;
  }

  @Task
  @DependsOn("submit")
  public String decide(Request submit, @Signal("decision") Decision decision) {
    return (decision.approved() ? "approved " : "rejected ") + submit.id() + " by " + decision.by();
  }
}
