package dev.hypha.processor.writer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wraps the one kind of line JavaPoet cannot: a class header whose {@code implements} clause runs
 * past 100 columns, such as {@code Definition implements FlowDefinition<Flow, Input, Result>} with
 * long type names. It is broken the way google-java-format breaks it: {@code implements} on the
 * next line, then the type arguments on a line of their own, then one a line if they still do not
 * fit. Every other line is left as JavaPoet wrote it.
 */
final class Headers {
  /** The longest line generated code should have. */
  static final int COLUMNS = 100;

  private static final String CONTINUATION = "    ";
  private static final Pattern HEADER =
      Pattern.compile("( *)(\\S.*?\\bclass \\w+) implements ([\\w.]+)<(.+)> \\{");

  private Headers() {}

  /** {@code source} with its long class headers wrapped. */
  static String wrap(String source) {
    StringBuilder wrapped = new StringBuilder(source.length() + 64);
    for (String line : source.split("\n", -1)) {
      Matcher header = HEADER.matcher(line);
      if (wrapped.length() > 0) {
        wrapped.append('\n');
      }
      if (line.length() <= COLUMNS || !header.matches()) {
        wrapped.append(line);
        continue;
      }
      String indent = header.group(1) + CONTINUATION;
      String implemented = "implements " + header.group(3) + "<";
      String arguments = header.group(4) + "> {";
      wrapped.append(header.group(1)).append(header.group(2)).append('\n');
      if (indent.length() + implemented.length() + arguments.length() <= COLUMNS) {
        wrapped.append(indent).append(implemented).append(arguments);
        continue;
      }
      String argumentIndent = indent + CONTINUATION;
      wrapped.append(indent).append(implemented).append('\n');
      if (argumentIndent.length() + arguments.length() <= COLUMNS) {
        wrapped.append(argumentIndent).append(arguments);
        continue;
      }
      List<String> each = topLevelArguments(header.group(4));
      for (int i = 0; i < each.size(); i++) {
        wrapped.append(argumentIndent).append(each.get(i));
        wrapped.append(i < each.size() - 1 ? ",\n" : "> {");
      }
    }
    return wrapped.toString();
  }

  /** {@code A, B<C, D>, E} as {@code A}, {@code B<C, D>} and {@code E}. */
  private static List<String> topLevelArguments(String arguments) {
    List<String> each = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < arguments.length(); i++) {
      char c = arguments.charAt(i);
      if (c == '<') {
        depth++;
      } else if (c == '>') {
        depth--;
      } else if (c == ',' && depth == 0) {
        each.add(arguments.substring(start, i).trim());
        start = i + 1;
      }
    }
    each.add(arguments.substring(start).trim());
    return each;
  }
}
