package dev.hypha.samples.faults;

import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.OnFault;
import dev.hypha.annotations.Task;

/** One task, the flow's result, whose failure a fault handler turns into a default value. */
@Flow
public class Lookup {
  public record Address(String street, boolean verified) {}

  @Task
  public Address address(@Input String customer) {
    throw new IllegalStateException("address service down for " + customer);
  }

  @OnFault(task = "address", value = IllegalStateException.class)
  public Address unverified(@Input String customer) {
    return new Address("as entered by " + customer, false);
  }
}
