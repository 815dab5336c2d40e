package dev.hypha.samples.sinks;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;
import dev.hypha.samples.Journal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts a warehouse's shelves and reports on them in three final tasks — the skus to reorder
 * ({@code low-stock}, a name that is not a Java identifier), the units in stock and the stock's
 * value — so a run's result is the generated {@code StockCheckFlow.Result} record. A fourth final
 * task, {@code audit}, returns nothing and is no part of the result.
 */
@Flow
public class StockCheck {
  private final Journal journal;

  public StockCheck(Journal journal) {
    this.journal = journal;
  }

  public record Shelf(String sku, int units, int centsEach) {}

  public record Warehouse(String name, List<Shelf> shelves, int reorderBelow) {}

  public record Valuation(String warehouse, long cents) {}

  @Task
  public Map<String, Integer> count(@Input Warehouse warehouse) {
    Map<String, Integer> units = new TreeMap<>();
    for (Shelf shelf : warehouse.shelves()) {
      units.merge(shelf.sku(), shelf.units(), Integer::sum);
    }
    return units;
  }

  @Task(name = "low-stock")
  @DependsOn("count")
  public List<String> reorder(Map<String, Integer> count, @Input Warehouse warehouse) {
    return count.entrySet().stream()
        .filter(sku -> sku.getValue() < warehouse.reorderBelow())
        .map(Map.Entry::getKey)
        .toList();
  }

  @Task
  @DependsOn("count")
  public int units(Map<String, Integer> count) {
    return count.values().stream().mapToInt(Integer::intValue).sum();
  }

  @Task
  public Valuation valuation(@Input Warehouse warehouse) {
    long cents = 0;
    for (Shelf shelf : warehouse.shelves()) {
      cents += (long) shelf.units() * shelf.centsEach();
    }
    return new Valuation(warehouse.name(), cents);
  }

  @Task
  @DependsOn("count")
  public void audit(Map<String, Integer> count) {
    journal.add("audited " + count.size() + " skus");
  }
}
