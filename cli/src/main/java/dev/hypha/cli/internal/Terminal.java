package dev.hypha.cli.internal;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * What the command knows about where its output goes: whether standard output is a terminal, for
 * redrawing progress in place and for colours, which are never written elsewhere. Immutable.
 */
public final class Terminal {
  private static final String RESET = "\u001b[0m";

  private final boolean tty;
  private final boolean colour;

  private Terminal(boolean tty, boolean colour) {
    this.tty = tty;
    this.colour = colour;
  }

  /** The terminal of this process; colours also need a TERM other than dumb and no NO_COLOR. */
  public static Terminal detect() {
    boolean tty = stdoutIsTerminal();
    boolean colour =
        tty && System.getenv("NO_COLOR") == null && !"dumb".equals(System.getenv("TERM"));
    return new Terminal(tty, colour);
  }

  /** Output that is not a terminal: no redrawing, no colours. */
  public static Terminal plain() {
    return new Terminal(false, false);
  }

  /** Whether standard output is a terminal, where progress is redrawn in place. */
  public boolean tty() {
    return tty;
  }

  /** {@code text} in the colour that goes with the run or task state {@code state}, if any. */
  public String state(String state, String text) {
    String code =
        switch (state) {
          case "SUCCEEDED", "RECOVERED" -> "\u001b[32m";
          case "FAILED" -> "\u001b[31m";
          case "CANCELLED", "SKIPPED" -> "\u001b[33m";
          case "RUNNING", "READY" -> "\u001b[36m";
          default -> "";
        };
    return colour && !code.isEmpty() ? code + text + RESET : text;
  }

  /**
   * Java 17 gives a console only when standard input and output are both terminals; Java 22 and
   * later give one more often and say through {@code isTerminal()} whether it is one.
   */
  private static boolean stdoutIsTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }
}
