package dev.hypha.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {
  @Test
  void columnsAlignUnderTheirHeaders() {
    Table table = new Table("ID", "STATE", "ERROR");
    table.row("a1", "SUCCEEDED", null);
    table.row("b22222", "FAILED", "boom\nsecond line");

    assertThat(table.render())
        .isEqualTo(
            """
            ID      STATE      ERROR
            a1      SUCCEEDED  -
            b22222  FAILED     boom second line
            """);
  }

  @Test
  void stylesApplyAfterMeasuring() {
    Table table = new Table("NAME", "STATE", "N");
    table.style(1, (cell, padded) -> "<" + cell + ">" + padded.substring(cell.length()));
    table.row("x", "FAILED", 1);
    table.row("y", "SUCCEEDED", 2);

    assertThat(table.render())
        .isEqualTo(
            """
            NAME  STATE      N
            x     <FAILED>     1
            y     <SUCCEEDED>  2
            """);
  }

  @Test
  void rowsMustFitTheColumns() {
    assertThatThrownBy(() -> new Table("A", "B").row("only one"))
        .hasMessage("a row of 1 cells in a table of 2 columns");
  }

  @Test
  void cutAndFirstLine() {
    assertThat(Table.cut("abcdef", 4)).isEqualTo("abc…");
    assertThat(Table.cut("abc", 4)).isEqualTo("abc");
    assertThat(Table.firstLine("one  \ntwo")).isEqualTo("one");
  }
}
