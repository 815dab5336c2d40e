package dev.hypha.runtime.internal.json;

import java.lang.reflect.Type;

/**
 * The JSON of the small values most tasks pass around — integers, booleans, plain ASCII strings —
 * written and read without Jackson's per-call machinery (a parser, a context, a generator), giving
 * exactly the text Jackson's default mapper gives and reading exactly what it would read. Anything
 * else, or any text outside these simple forms, is left to Jackson: {@link #NOT_HANDLED}.
 */
final class Scalars {
  /** Returned when a value or a text is not one of the simple forms. */
  static final Object NOT_HANDLED = new Object();

  private Scalars() {}

  /** The JSON of {@code value}, or null if it is not a simple scalar. */
  static String write(Object value) {
    if (value instanceof Integer || value instanceof Long) {
      return value.toString();
    }
    if (value instanceof Boolean bool) {
      return bool ? "true" : "false";
    }
    if (value instanceof String text && isPlain(text)) {
      return '"' + text + '"';
    }
    return null;
  }

  /** {@code json} read as {@code type}, or {@link #NOT_HANDLED}. */
  static Object read(String json, Type type) {
    if (type == Integer.class) {
      return isInteger(json, 9) ? Integer.valueOf(Integer.parseInt(json)) : NOT_HANDLED;
    }
    if (type == Long.class) {
      return isInteger(json, 18) ? Long.valueOf(Long.parseLong(json)) : NOT_HANDLED;
    }
    if (type == Boolean.class) {
      return json.equals("true")
          ? Boolean.TRUE
          : json.equals("false") ? Boolean.FALSE : NOT_HANDLED;
    }
    if (type == String.class
        && json.length() >= 2
        && json.charAt(0) == '"'
        && json.charAt(json.length() - 1) == '"') {
      String inner = json.substring(1, json.length() - 1);
      return isPlain(inner) ? inner : NOT_HANDLED;
    }
    return NOT_HANDLED;
  }

  /** Printable ASCII with nothing JSON escapes: the text is its own JSON string body. */
  private static boolean isPlain(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  /** An optional minus and 1 to {@code maxDigits} digits, no leading zero: fits the type. */
  private static boolean isInteger(String json, int maxDigits) {
    int start = json.startsWith("-") ? 1 : 0;
    int digits = json.length() - start;
    if (digits < 1 || digits > maxDigits || (digits > 1 && json.charAt(start) == '0')) {
      return false;
    }
    for (int i = start; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
