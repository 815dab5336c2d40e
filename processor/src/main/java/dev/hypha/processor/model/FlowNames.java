package dev.hypha.processor.model;

import java.util.Locale;

/**
 * Default names: a flow is named after its class in kebab-case, a task after its method; and the
 * generated method that sends a signal, after the signal.
 */
public final class FlowNames {
  private FlowNames() {}

  /**
   * The kebab-case of a simple class name: {@code OrderFulfilment} is {@code order-fulfilment},
   * {@code HTTPServer} is {@code http-server}, {@code S3Upload} is {@code s3-upload}. Underscores
   * and dollar signs become dashes.
   */
  public static String defaultFlowName(String simpleName) {
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < simpleName.length(); i++) {
      char c = simpleName.charAt(i);
      if (Character.isUpperCase(c)) {
        char previous = i > 0 ? simpleName.charAt(i - 1) : '_';
        boolean afterWord = Character.isLowerCase(previous) || Character.isDigit(previous);
        boolean endsAcronym =
            Character.isUpperCase(previous)
                && i + 1 < simpleName.length()
                && Character.isLowerCase(simpleName.charAt(i + 1));
        if (afterWord || endsAcronym) {
          name.append('-');
        }
        name.append(Character.toLowerCase(c));
      } else if (c == '_' || c == '$') {
        name.append('-');
      } else {
        name.append(c);
      }
    }
    return name.toString().toLowerCase(Locale.ROOT);
  }

  /**
   * The generated flow class's method that sends the signal {@code name}: {@code signal} and each
   * segment of the name between {@code '-'} and {@code '_'} capitalised, so {@code approval} is
   * sent by {@code signalApproval} and {@code manager-approval} by {@code signalManagerApproval}.
   */
  public static String signalMethod(String name) {
    StringBuilder method = new StringBuilder("signal");
    for (String segment : name.split("[-_]")) {
      if (!segment.isEmpty()) {
        method.append(Character.toUpperCase(segment.charAt(0))).append(segment.substring(1));
      }
    }
    return method.toString();
  }
}
