package dev.hypha.spring.flows;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A dependency the {@link Audit} flow gets injected into a field: it records what it audited. */
public class Ledger {
  private final List<String> entries = new CopyOnWriteArrayList<>();

  public String record(String entry) {
    entries.add(entry);
    return "audited " + entry + " (" + entries.size() + ")";
  }

  public List<String> entries() {
    return List.copyOf(entries);
  }
}
