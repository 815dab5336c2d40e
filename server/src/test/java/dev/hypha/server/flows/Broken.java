package dev.hypha.server.flows;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;

/** A flow whose first task always fails, so its second is skipped and the run fails. */
@Flow
public class Broken {
  @Task
  public String check(@Input String what) {
    throw new IllegalStateException("cannot check " + what);
  }

  @Task
  @DependsOn("check")
  public String report(String check) {
    return "checked " + check;
  }
}
