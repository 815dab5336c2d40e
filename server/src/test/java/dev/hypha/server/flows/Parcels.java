package dev.hypha.server.flows;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;
import java.util.List;

/** Two tasks over a record input: the flow most API tests start by name with JSON. */
@Flow
public class Parcels {
  /** What is sent. */
  public record Parcel(String id, int weight, List<String> items) {}

  /** The label printed for it. */
  public record Label(String parcel, String code) {}

  @Task
  public Label label(@Input Parcel parcel) {
    return new Label(parcel.id(), "L-" + parcel.id() + "-" + parcel.weight());
  }

  @Task
  @DependsOn("label")
  public String ship(Label label) {
    return "shipped " + label.code();
  }
}
