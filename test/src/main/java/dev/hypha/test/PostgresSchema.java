package dev.hypha.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/** A fresh schema of the tests' PostgreSQL server for one test, dropped after it. */
final class PostgresSchema implements AutoCloseable {
  private final String server;
  private final String name;

  private PostgresSchema(String server, String name) {
    this.server = server;
    this.name = name;
  }

  /**
   * The server's URL from the variable {@value HyphaExtension#POSTGRES_URL} of {@code environment}
   * (what {@code System::getenv} gives), or the exception that says how to set it.
   */
  static String serverUrl(UnaryOperator<String> environment) {
    String url = environment.apply(HyphaExtension.POSTGRES_URL);
    if (url == null || url.isBlank()) {
      throw new HyphaTestException(
          "@HyphaTest(store = POSTGRES) needs a PostgreSQL server, but the environment variable "
              + HyphaExtension.POSTGRES_URL
              + " is not set; set it to a JDBC URL such as"
              + " jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    }
    return url.trim();
  }

  /** Creates a new schema {@code hypha_test_<random>} on {@code server}. */
  static PostgresSchema create(String server) {
    String name = "hypha_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    execute(server, "CREATE SCHEMA " + name);
    return new PostgresSchema(server, name);
  }

  /** The URL of the store in this schema. */
  String url() {
    return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + name;
  }

  String name() {
    return name;
  }

  @Override
  public void close() {
    execute(server, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
  }

  private static void execute(String server, String sql) {
    try (Connection connection = DriverManager.getConnection(server);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new HyphaTestException(
          "the PostgreSQL server of "
              + HyphaExtension.POSTGRES_URL
              + " ("
              + server
              + ") refused \""
              + sql
              + "\": "
              + e.getMessage()
              + "; start the server, or set the variable to one that lets this user create"
              + " schemas",
          e);
    }
  }
}
