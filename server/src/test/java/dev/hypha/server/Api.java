package dev.hypha.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A real HTTP client of a server under test ({@link HttpClient}, or a raw socket for what it will
 * not send), which records every exchange: the OpenAPI test checks that each documented status of
 * each operation was answered to some test, and that the answers fit the documented shapes.
 */
final class Api {
  /** One request and its answer. */
  record Exchange(String method, String path, int status, String contentType, String body) {}

  /** Every exchange of every test in this JVM. */
  static final Queue<Exchange> EXCHANGES = new ConcurrentLinkedQueue<>();

  static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  Api(HyphaServer server) {
    this.base = server.uri();
  }

  URI base() {
    return base;
  }

  /** An answer. */
  record Response(int status, Map<String, List<String>> headers, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (JsonProcessingException e) {
        throw new AssertionError("not JSON (status " + status + "): " + body, e);
      }
    }

    /** The first value of header {@code name} (any case), or null. */
    String header(String name) {
      for (Map.Entry<String, List<String>> header : headers.entrySet()) {
        if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
          return header.getValue().get(0);
        }
      }
      return null;
    }

    /** The slug of a problem answer's type. */
    String problem() {
      JsonNode type = json().path("type");
      String prefix = "https://hypha.dev/problems/";
      if (!type.asText().startsWith(prefix)) {
        throw new AssertionError("not a problem (status " + status + "): " + body);
      }
      return type.asText().substring(prefix.length());
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  Response get(String path, String... headers) {
    return send("GET", path, HttpRequest.BodyPublishers.noBody(), headers);
  }

  /** A POST of {@code json} as {@code application/json} (unless a header says otherwise). */
  Response post(String path, String json, String... headers) {
    List<String> all = new ArrayList<>(List.of(headers));
    boolean typed = false;
    for (int i = 0; i < all.size(); i += 2) {
      typed |= all.get(i).equalsIgnoreCase("Content-Type");
    }
    if (!typed) {
      all.add("Content-Type");
      all.add("application/json");
    }
    return send(
        "POST", path, HttpRequest.BodyPublishers.ofString(json), all.toArray(String[]::new));
  }

  /** A POST without a body, as a cancel or a retry is sent. */
  Response postEmpty(String path, String... headers) {
    return send("POST", path, HttpRequest.BodyPublishers.noBody(), headers);
  }

  Response send(String method, String path, HttpRequest.BodyPublisher body, String... headerPairs) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .method(method, body);
    for (int i = 0; i < headerPairs.length; i += 2) {
      request.header(headerPairs[i], headerPairs[i + 1]);
    }
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return record(method, path, response.statusCode(), response.headers().map(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * A request written by hand on a socket, for what {@link HttpClient} will not send: another Host
   * header, a body longer than its Content-Length says, a chunked body.
   */
  Response raw(String method, String path, Map<String, String> headers, byte[] body) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("Host", base.getHost() + ":" + base.getPort());
    all.put("Connection", "close");
    all.putAll(headers);
    StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
    all.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("\r\n");
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      try {
        out.write(body);
        out.flush();
      } catch (IOException refusedMidway) {
        // The server may answer and close before it has read a body it refuses.
      }
      return parse(method, path, socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path, e);
    }
  }

  private Response parse(String method, String path, InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      in.transferTo(bytes);
    } catch (IOException reset) {
      // A server that refused a body it did not read may reset the connection after its answer.
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new AssertionError("no HTTP answer to " + method + " " + path + ": " + text);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers
          .computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
          .add(lines[i].substring(colon + 1).trim());
    }
    String body = text.substring(end + 4);
    String encoding = headers.getOrDefault("Transfer-Encoding", List.of("")).get(0);
    if (encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      body = unchunk(body);
    }
    return record(method, path, status, headers, body);
  }

  private static String unchunk(String chunked) {
    StringBuilder body = new StringBuilder();
    int at = 0;
    while (true) {
      int lineEnd = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
      if (size == 0) {
        return body.toString();
      }
      body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
  }

  private static Response record(
      String method, String path, int status, Map<String, List<String>> headers, String body) {
    Response response = new Response(status, headers, body);
    int query = path.indexOf('?');
    EXCHANGES.add(
        new Exchange(
            method,
            query < 0 ? path : path.substring(0, query),
            status,
            response.header("Content-Type"),
            body));
    return response;
  }

  /** Records an exchange made elsewhere (the event stream's client). */
  static void recordStream(String path, int status, String contentType, String body) {
    int query = path.indexOf('?');
    EXCHANGES.add(
        new Exchange(
            "GET", query < 0 ? path : path.substring(0, query), status, contentType, body));
  }
}
