package dev.hypha.runtime.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypha.runtime.spi.TypeRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fast path for small values writes and reads exactly what Jackson's default mapper does. */
class ScalarsTest {
  private final JsonCodec fast = new JsonCodec();
  private final JsonCodec jackson = new JsonCodec(new ObjectMapper());

  @Test
  void writesWhatJacksonWrites() throws Exception {
    for (Object value :
        List.of(
            0,
            -7,
            Integer.MAX_VALUE,
            Integer.MIN_VALUE,
            Long.MIN_VALUE,
            Long.MAX_VALUE,
            true,
            false,
            "",
            "plain text 42",
            "quote \" and backslash \\",
            "tab\tnewline\n",
            "caf\u00e9 \u2603",
            "\u0001")) {
      assertThat(fast.write(value)).as("%s", value).isEqualTo(jackson.write(value));
      assertThat(fast.read(fast.write(value), TypeRef.of(value.getClass())))
          .as("%s read back", value)
          .isEqualTo(value);
    }
    assertThat(fast.write(null)).isEqualTo("null");
  }

  @Test
  void readsWhatJacksonReads() throws Exception {
    String[][] cases = {
      {"42", "Integer"},
      {"-0", "Integer"},
      {"007", "Integer"},
      {"2147483647", "Integer"},
      {"9223372036854775807", "Long"},
      {" 42 ", "Integer"},
      {"42.0", "Long"},
      {"null", "Integer"},
      {"null", "String"},
      {"\"a\\\"b\"", "String"},
      {"\"plain\"", "String"},
      {"true", "Boolean"},
      {"null", "Boolean"}
    };
    for (String[] c : cases) {
      TypeRef<?> type =
          switch (c[1]) {
            case "Integer" -> TypeRef.of(Integer.class);
            case "Long" -> TypeRef.of(Long.class);
            case "Boolean" -> TypeRef.of(Boolean.class);
            default -> TypeRef.of(String.class);
          };
      Object expected;
      try {
        expected = jackson.read(c[0], type);
      } catch (Exception e) {
        expected = e.getClass();
      }
      Object actual;
      try {
        actual = fast.read(c[0], type);
      } catch (Exception e) {
        actual = e.getClass();
      }
      assertThat(actual).as("%s as %s", c[0], c[1]).isEqualTo(expected);
    }
  }
}
