package dev.hypha.spring.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.hypha.runtime.InvalidConfigurationException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.core.env.Environment;

/**
 * The JDBC URL, with its user and password, of the database behind the application's {@code
 * DataSource}: Hypha keeps its own small pool to it, because its connections carry a session
 * setting of their own and one of them listens for wake-ups. Stateless.
 */
public final class DataSourceStore {
  private DataSourceStore() {}

  /**
   * The URL for {@link dev.hypha.runtime.Hypha.Builder#database(String)}: from a HikariCP pool (the
   * Spring Boot default), else from {@code spring.datasource.*}, else from the connection's
   * metadata (without a password).
   *
   * @throws InvalidConfigurationException if the database is not PostgreSQL
   */
  public static String url(DataSource dataSource, Environment environment) {
    String url = null;
    String user = null;
    String password = null;
    HikariDataSource hikari = hikari(dataSource);
    if (hikari != null && hikari.getJdbcUrl() != null) {
      url = hikari.getJdbcUrl();
      user = hikari.getUsername();
      password = hikari.getPassword();
    } else if (environment.getProperty("spring.datasource.url") != null) {
      url = environment.getProperty("spring.datasource.url");
      user = environment.getProperty("spring.datasource.username");
      password = environment.getProperty("spring.datasource.password");
    } else {
      try (Connection connection = dataSource.getConnection()) {
        url = connection.getMetaData().getURL();
        user = connection.getMetaData().getUserName();
      } catch (SQLException e) {
        throw new InvalidConfigurationException(
            "hypha.store is not set and the application's DataSource cannot be reached to learn"
                + " its URL ("
                + e.getMessage()
                + "); set hypha.store to jdbc:postgresql://HOST/DATABASE?user=...");
      }
    }
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      throw new InvalidConfigurationException(
          "hypha.store is not set, and the application's DataSource ("
              + (url == null ? "of unknown URL" : url.replaceAll("[?;].*", ""))
              + ") is not PostgreSQL, the only database besides SQLite that Hypha stores runs in;"
              + " set hypha.store to a SQLite file path such as hypha.db, or to a"
              + " jdbc:postgresql:// URL");
    }
    return withParameter(withParameter(url, "user", user), "password", password);
  }

  private static HikariDataSource hikari(DataSource dataSource) {
    if (dataSource instanceof HikariDataSource hikari) {
      return hikari;
    }
    try {
      return dataSource.isWrapperFor(HikariDataSource.class)
          ? dataSource.unwrap(HikariDataSource.class)
          : null;
    } catch (SQLException e) {
      return null;
    }
  }

  private static String withParameter(String url, String name, String value) {
    if (value == null || value.isEmpty() || url.matches("(?s).*[?&]" + name + "=.*")) {
      return url;
    }
    return url
        + (url.contains("?") ? "&" : "?")
        + name
        + "="
        + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
