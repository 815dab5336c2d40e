package dev.hypha.processor.model;

import java.util.Locale;

/** Default names: a flow is named after its class in kebab-case, a task after its method. */
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
}
