package dev.hypha.server.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own error answers as problems too: requests it refuses before the API sees them
 * (malformed HTTP, headers over its limit) and errors it answers itself. Never a stack trace.
 */
final class JettyErrors extends ErrorHandler {
  JettyErrors() {
    setShowStacks(false);
    setShowServlet(false);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
    fields.put("X-Content-Type-Options", "nosniff");
    fields.put("Content-Security-Policy", RequestGuards.CONTENT_SECURITY_POLICY);
    fields.put("Referrer-Policy", "no-referrer");
    return ByteBuffer.wrap(Problem.http(status, reason).body().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  protected void generateAcceptableResponse(
      Request baseRequest,
      HttpServletRequest request,
      HttpServletResponse response,
      int code,
      String message)
      throws IOException {
    baseRequest.setHandled(true);
    response.setContentType(Problem.CONTENT_TYPE);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response
        .getOutputStream()
        .write(Problem.http(code, message).body().getBytes(StandardCharsets.UTF_8));
  }
}
