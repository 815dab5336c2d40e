package dev.hypha.processor.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlowNamesTest {

  @ParameterizedTest
  @CsvSource({
    "OrderFulfilment, order-fulfilment",
    "HTTPServer, http-server",
    "Orders, orders",
    "S3Upload, s3-upload",
    "OrderV2, order-v2",
    "Order_Flow, order-flow",
    "XMLHttpRequest, xml-http-request",
    "A, a",
    "_Orders, -orders",
  })
  void defaultFlowNameIsTheKebabCaseOfTheSimpleName(String simpleName, String expected) {
    assertThat(FlowNames.defaultFlowName(simpleName)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "approval, signalApproval",
    "manager-approval, signalManagerApproval",
    "manager_approval, signalManagerApproval",
    "Approval, signalApproval",
    "a--b_, signalAB",
    "v2-ready, signalV2Ready",
    "x, signalX",
  })
  void signalMethodIsSignalAndTheNamesSegmentsCapitalised(String name, String expected) {
    assertThat(FlowNames.signalMethod(name)).isEqualTo(expected);
  }
}
