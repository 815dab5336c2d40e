package dev.hypha.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The metadata IDEs complete {@code hypha.*} properties from, generated from HyphaProperties. */
class ConfigurationMetadataTest {

  @Test
  void everyPropertyIsListedWithADescription() throws IOException {
    String json;
    try (InputStream in =
        getClass()
            .getClassLoader()
            .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
      assertThat(in).isNotNull();
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (String property :
        new String[] {
          "hypha.store",
          "hypha.shared",
          "hypha.shutdown-grace",
          "hypha.worker.enabled",
          "hypha.worker.queues",
          "hypha.worker.threads",
          "hypha.worker.id"
        }) {
      Matcher entry =
          Pattern.compile(
                  "\\{[^{}]*\"name\": \"" + Pattern.quote(property) + "\"[^{}]*\\}", Pattern.DOTALL)
              .matcher(json);
      assertThat(entry.find()).as(property).isTrue();
      assertThat(entry.group()).as(property).contains("\"description\": \"");
    }
  }
}
