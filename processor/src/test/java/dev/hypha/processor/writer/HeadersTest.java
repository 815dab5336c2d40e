package dev.hypha.processor.writer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeadersTest {
  private static final String TYPE = "FlowDefinition<Orders, Orders.Request, Map<String, Integer>>";

  @Test
  void leavesShortLinesAndOtherLongLinesAlone() {
    String source =
        "  public static final class Definition implements FlowDefinition<A, B, C> {\n"
            + "  // "
            + "x".repeat(120)
            + "\n";

    assertThat(Headers.wrap(source)).isEqualTo(source);
  }

  @Test
  void breaksBeforeImplements() {
    String header = "  public static final class VeryLongDefinitionName" + "X".repeat(20);

    assertThat(Headers.wrap(header + " implements " + TYPE + " {\n"))
        .isEqualTo(header + "\n      implements " + TYPE + " {\n");
  }

  @Test
  void thenBeforeTheTypeArguments() {
    String arguments = "Orders, Orders.OrderRequest, Map<String, List<Map<String, Integer>>>";

    assertThat(
            Headers.wrap(
                "    public static final class Definition implements FlowDefinition<"
                    + arguments
                    + "> {"))
        .isEqualTo(
            "    public static final class Definition\n"
                + "        implements FlowDefinition<\n"
                + "            "
                + arguments
                + "> {");
  }

  @Test
  void thenOneTypeArgumentALine() {
    String flow = "WarehouseReplenishmentPlanning";
    String input = flow + ".ReplenishmentRequest";
    String result = "Map<String, List<" + flow + ".StockLevel>>";

    assertThat(
            Headers.wrap(
                "  public static final class Definition implements FlowDefinition<"
                    + String.join(", ", flow, input, result)
                    + "> {"))
        .isEqualTo(
            "  public static final class Definition\n"
                + "      implements FlowDefinition<\n"
                + "          "
                + flow
                + ",\n"
                + "          "
                + input
                + ",\n"
                + "          "
                + result
                + "> {");
  }
}
