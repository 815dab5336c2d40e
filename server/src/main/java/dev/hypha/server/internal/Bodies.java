package dev.hypha.server.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads a request's JSON body: checks its content type, reads at most the size limit (whatever
 * Content-Length claims), and parses it, so that the runtime gets well-formed JSON and every
 * failure before that is a clear problem.
 */
final class Bodies {
  private Bodies() {}

  /** A body that parsed: its text, as the runtime takes it, and its tree. */
  record Json(String text, JsonNode tree) {}

  /**
   * The JSON body of {@code ctx}.
   *
   * @throws Problem 415 for a missing or non-JSON content type, 413 over {@code maxBytes}, 400 for
   *     an empty body, text that is not UTF-8, or malformed JSON
   */
  static Json json(Context ctx, long maxBytes) {
    String contentType = ctx.header("Content-Type");
    if (!isJson(contentType)) {
      throw Problem.unsupportedMediaType(contentType);
    }
    byte[] bytes = read(ctx, maxBytes);
    if (bytes.length == 0) {
      throw Problem.malformedJson(
          "the request has no body; send a JSON value (null where nothing is expected)");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw Problem.malformedJson("the body is not UTF-8 text; send JSON encoded as UTF-8");
    }
    try {
      return new Json(text, JsonViews.MAPPER.readTree(text));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      String message = e.getOriginalMessage();
      int newline = message.indexOf('\n');
      throw Problem.malformedJson(
          "the body is not valid JSON"
              + where
              + ": "
              + (newline < 0 ? message : message.substring(0, newline))
              + "; send a single well-formed JSON value");
    }
  }

  /** Whether {@code contentType} is {@code application/json} or {@code application/<x>+json}. */
  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String type =
        (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
            .trim()
            .toLowerCase(Locale.ROOT);
    return type.equals("application/json")
        || (type.startsWith("application/") && type.endsWith("+json"));
  }

  /** Whether {@code ctx} declares a body longer than {@code maxBytes}. */
  static boolean declaresMoreThan(Context ctx, long maxBytes) {
    return ctx.req().getContentLengthLong() > maxBytes;
  }

  private static byte[] read(Context ctx, long maxBytes) {
    if (declaresMoreThan(ctx, maxBytes)) {
      throw Problem.contentTooLarge(maxBytes);
    }
    // One byte more than allowed tells a body that is too long (chunked, or lying about its size).
    int cap = (int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 16);
    byte[] bytes;
    try (InputStream in = ctx.req().getInputStream()) {
      bytes = in.readNBytes(cap);
    } catch (IOException e) {
      throw Problem.malformedJson(
          "the request body could not be read to its end (shorter than its Content-Length, or"
              + " the connection broke); send it again");
    }
    if (bytes.length > maxBytes) {
      throw Problem.contentTooLarge(maxBytes);
    }
    return bytes;
  }
}
