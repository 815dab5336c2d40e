package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.HyphaException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named places in the engine where a test can make the process die or a step fail, so crash tests
 * hit each window on purpose instead of killing at random delays. Armed through the system property
 * {@code hypha.faults}, read when a Hypha is opened, as a comma-separated list of {@code
 * <point>@<n>=<action>}: at the n-th time the engine reaches the point, {@code halt} ends the JVM
 * at once (as {@code kill -9} would: no shutdown hooks, no flushing) and {@code throw} throws an
 * {@link InjectedFault} there. Example: {@code -Dhypha.faults=after-commit@3=halt}. Unarmed points
 * cost one field read.
 */
public final class FaultPoints {
  /** Where a fault can be injected. */
  public enum Point {
    /** The engine built a batch and is about to commit it. */
    BEFORE_COMMIT,
    /** A batch is committed; nothing has acted on it yet. */
    AFTER_COMMIT,
    /** A worker is about to call a task's method (its beginning is queued for the next commit). */
    TASK_BEGAN,
    /** A task's method returned; its outcome is not reported yet. */
    TASK_RETURNED,
    /** A compensation's method returned; its outcome is not reported yet. */
    COMPENSATION_RETURNED;

    String text() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** What happens at an armed point. */
  public enum Action {
    HALT,
    THROW
  }

  /** A fault thrown at an armed point. */
  public static final class InjectedFault extends HyphaException {
    private static final long serialVersionUID = 1L;

    InjectedFault(Point point, int nth) {
      super("fault injected at " + point.text() + " (time " + nth + ")");
    }
  }

  /** No point armed. */
  public static final FaultPoints NONE = new FaultPoints(Map.of());

  private record Arm(int nth, Action action) {}

  private final Map<Point, Arm> armed;
  private final Map<Point, AtomicInteger> reached = new EnumMap<>(Point.class);

  private FaultPoints(Map<Point, Arm> armed) {
    this.armed = armed.isEmpty() ? Map.of() : new EnumMap<>(armed);
    for (Point point : armed.keySet()) {
      reached.put(point, new AtomicInteger());
    }
  }

  /** The points armed by {@code spec}; see the class comment. Blank or null: none. */
  public static FaultPoints parse(String spec) {
    if (spec == null || spec.isBlank()) {
      return NONE;
    }
    Map<Point, Arm> armed = new EnumMap<>(Point.class);
    for (String item : spec.split(",")) {
      String text = item.trim();
      try {
        int at = text.indexOf('@');
        int eq = text.indexOf('=');
        Point point =
            Point.valueOf(text.substring(0, at).toUpperCase(Locale.ROOT).replace('-', '_'));
        int nth = Integer.parseInt(text.substring(at + 1, eq));
        Action action = Action.valueOf(text.substring(eq + 1).toUpperCase(Locale.ROOT));
        armed.put(point, new Arm(nth, action));
      } catch (RuntimeException e) {
        throw new HyphaException(
            "hypha.faults item '"
                + text
                + "' is not <point>@<n>=<halt|throw>; points: before-commit, after-commit,"
                + " task-began, task-returned, compensation-returned",
            e);
      }
    }
    return new FaultPoints(armed);
  }

  /** Called by the engine at {@code point}; acts if the point is armed for this time. */
  void reach(Point point) {
    if (armed.isEmpty()) {
      return;
    }
    Arm arm = armed.get(point);
    if (arm == null) {
      return;
    }
    int time = reached.get(point).incrementAndGet();
    if (time != arm.nth()) {
      return;
    }
    if (arm.action() == Action.HALT) {
      System.err.println("hypha: fault injected at " + point.text() + " (time " + time + "): halt");
      System.err.flush();
      Runtime.getRuntime().halt(137);
    }
    throw new InjectedFault(point, time);
  }
}
