package dev.hypha.samples.spring;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/** An ordinary Spring service the {@link OrderFulfilment} flow gets injected: stock by item. */
@Service
public class Warehouse {
  private final Map<String, Integer> reserved = new ConcurrentHashMap<>();

  /** Reserves {@code quantity} of {@code item}; returns the total reserved of it since startup. */
  public int reserve(String item, int quantity) {
    return reserved.merge(item, quantity, Integer::sum);
  }

  /** How much of {@code item} was reserved since startup. */
  public int reserved(String item) {
    return reserved.getOrDefault(item, 0);
  }
}
