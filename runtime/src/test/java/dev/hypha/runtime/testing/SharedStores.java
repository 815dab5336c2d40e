package dev.hypha.runtime.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The shared stores tests run against (the runtime's, and through its test jar the samples'): a
 * SQLite file always, and PostgreSQL when {@value #URL_VARIABLE} names a server. Each PostgreSQL
 * store is a fresh schema of that database, so tests never see each other's rows. A variable that
 * is set but names a server that cannot be used fails the test: it is never skipped.
 */
public final class SharedStores {
  /** The environment variable with the JDBC URL of the PostgreSQL the tests may use. */
  public static final String URL_VARIABLE = "HYPHA_TEST_POSTGRES_URL";

  private SharedStores() {}

  /** The kinds of store, for parameterised tests: {@code sqlite}, then {@code postgres} if set. */
  public static List<String> kinds() {
    List<String> kinds = new ArrayList<>(List.of("sqlite"));
    if (postgresUrl() != null) {
      kinds.add("postgres");
    }
    return kinds;
  }

  /** The PostgreSQL server's URL, or null when the variable is not set. */
  public static String postgresUrl() {
    String url = System.getenv(URL_VARIABLE);
    return url == null || url.isBlank() ? null : url.trim();
  }

  /** A new, empty store of {@code kind}: a file in {@code dir}, or a fresh PostgreSQL schema. */
  public static String fresh(String kind, Path dir) {
    if (kind.equals("sqlite")) {
      return dir.resolve("shared-" + ThreadLocalRandom.current().nextInt(1_000_000) + ".db")
          .toString();
    }
    if (!kind.equals("postgres")) {
      throw new IllegalArgumentException("unknown store kind " + kind);
    }
    String base = postgresUrl();
    if (base == null) {
      throw new AssertionError(URL_VARIABLE + " is not set, so there is no PostgreSQL to use");
    }
    String schema = "hypha_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    try (Connection connection = DriverManager.getConnection(base);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new AssertionError(
          URL_VARIABLE + " is set to " + base + " but that server cannot be used: " + e, e);
    }
    return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }
}
