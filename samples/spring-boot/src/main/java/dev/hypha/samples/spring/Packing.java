package dev.hypha.samples.spring;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;
import org.springframework.stereotype.Component;

/** A flow bean whose first task calls the injected {@link Packer}, then labels the parcel. */
@Flow
@Component
public class Packing {
  private final Packer packer;

  public Packing(Packer packer) {
    this.packer = packer;
  }

  @Task
  public String pack(@Input String order) {
    return packer.pack(order);
  }

  @Task
  @DependsOn("pack")
  public String label(String pack) {
    return "label:" + pack;
  }
}
