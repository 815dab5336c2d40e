package dev.hypha.cli.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A table of text with aligned columns, two spaces apart, under a header row. Cells are plain text
 * (absent values print as {@code -}); a column may be styled (coloured) after its width is
 * measured, so colours never break the alignment. Not thread-safe.
 */
public final class Table {
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();
  private final Map<Integer, BiFunction<String, String, String>> styles = new HashMap<>();

  public Table(String... headers) {
    this.headers = List.of(headers);
  }

  /**
   * Styles the cells of {@code column}: {@code style} gets the cell's text and the same text padded
   * to the column's width, and returns what to print.
   */
  public Table style(int column, BiFunction<String, String, String> style) {
    styles.put(column, style);
    return this;
  }

  /** Adds a row; a null cell prints as {@code -}. */
  public Table row(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "a row of " + cells.length + " cells in a table of " + headers.size() + " columns");
    }
    List<String> row = new ArrayList<>();
    for (Object cell : cells) {
      row.add(cell == null ? "-" : oneLine(cell.toString()));
    }
    rows.add(row);
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** The table, one line per row, each ending with a newline; no trailing spaces. */
  public String render() {
    int[] widths = new int[headers.size()];
    for (int column = 0; column < widths.length; column++) {
      widths[column] = headers.get(column).length();
      for (List<String> row : rows) {
        widths[column] = Math.max(widths[column], row.get(column).length());
      }
    }
    StringBuilder text = new StringBuilder();
    line(text, headers, widths, false);
    for (List<String> row : rows) {
      line(text, row, widths, true);
    }
    return text.toString();
  }

  private void line(StringBuilder text, List<String> cells, int[] widths, boolean body) {
    StringBuilder line = new StringBuilder();
    for (int column = 0; column < cells.size(); column++) {
      String cell = cells.get(column);
      boolean last = column == cells.size() - 1;
      String padded = last ? cell : cell + " ".repeat(widths[column] - cell.length());
      BiFunction<String, String, String> style = body ? styles.get(column) : null;
      line.append(style == null ? padded : style.apply(cell, padded));
      if (!last) {
        line.append("  ");
      }
    }
    text.append(line.toString().stripTrailing()).append('\n');
  }

  /** Tables keep one line per row: a cell's line breaks become spaces. */
  private static String oneLine(String text) {
    return text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
  }

  /** The first line of {@code text}. */
  public static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return (newline < 0 ? text : text.substring(0, newline)).stripTrailing();
  }

  /** {@code text} cut to {@code max} characters, ending with an ellipsis when cut. */
  public static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
