package dev.hypha.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven through the system's chromedriver. Debian's {@code chromium} and
 * {@code chromium-driver} packages must be installed; nothing is downloaded (the driver's path is
 * given, so Selenium Manager is never asked, and it is told to stay offline besides).
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Duration WAIT = Duration.ofSeconds(30);
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
  }

  /** Starts the browser, or fails (never skips) saying what to install when it is missing. */
  static Browser start() {
    for (Path needed : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(needed)) {
        fail(
            "The dashboard's browser tests need a headless Chromium and its driver, but "
                + needed
                + " is missing: install them with `apt-get install -y chromium chromium-driver`"
                + " (the CI installs them)");
      }
    }
    System.setProperty("SE_OFFLINE", "true");
    System.setProperty("SE_AVOID_STATS", "true");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--window-size=1400,1000");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    return new Browser(new ChromeDriver(service, options));
  }

  WebDriver driver() {
    return driver;
  }

  void open(String url) {
    driver.get(url);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** Waits until the condition holds (a value that is neither null nor false), up to WAIT. */
  <T> T await(String what, ExpectedCondition<T> condition) {
    return new WebDriverWait(driver, WAIT).withMessage(what).until(condition);
  }

  /** The state a graph node shows: its data-state, e.g. "RUNNING"; null if there is no node. */
  String nodeState(String task) {
    return stable(
        () -> {
          List<WebElement> nodes = findAll("svg.graph g.node[data-task='" + task + "']");
          return nodes.isEmpty() ? null : nodes.get(0).getAttribute("data-state");
        });
  }

  /** The visible text of the first element matching css. */
  String text(String css) {
    return stable(() -> find(css).getText());
  }

  /** Clicks the first element matching css. */
  void click(String css) {
    stable(
        () -> {
          find(css).click();
          return null;
        });
  }

  /**
   * Runs a read of the page again when the page redrew the elements it found in between (the run
   * page redraws when the run changes).
   */
  private static <T> T stable(java.util.function.Supplier<T> read) {
    for (int attempt = 1; ; attempt++) {
      try {
        return read.get();
      } catch (StaleElementReferenceException redrawn) {
        if (attempt == 10) throw redrawn;
      }
    }
  }

  void awaitNodeState(String task, String state) {
    await("graph node " + task + " to show " + state, d -> state.equals(nodeState(task)));
  }

  void awaitText(String css, String text) {
    await(
        css + " to contain " + text,
        d -> {
          try {
            List<WebElement> found = findAll(css);
            return !found.isEmpty() && found.get(0).getText().contains(text);
          } catch (StaleElementReferenceException redrawn) {
            return false;
          }
        });
  }

  Object script(String javascript, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
  }

  /** Saves what the browser shows as target/screenshots/name.png. */
  void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    Files.write(SCREENSHOTS.resolve(name + ".png"), png);
  }

  /**
   * Asserts that the page logged no error (a script error, a CSP violation, a failed request) since
   * the last call, except those the test expects: each of {@code expected} is a regular expression
   * found in the message, such as {@code "status of 401"}.
   */
  void assertNoErrorsLogged(String... expected) {
    List<Pattern> allowed = Stream.of(expected).map(Pattern::compile).toList();
    List<String> errors =
        driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::getMessage)
            .filter(message -> allowed.stream().noneMatch(p -> p.matcher(message).find()))
            .toList();
    assertThat(errors).as("errors the page logged").isEmpty();
  }

  /** Makes the browser refuse requests to URLs matching the patterns ("*" wildcards); none: all. */
  void block(String... urlPatterns) {
    driver.executeCdpCommand("Network.enable", Map.of());
    driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of(urlPatterns)));
  }

  /** Leaves the page (so its event stream stops) without closing the browser. */
  void blank() {
    driver.get("about:blank");
  }

  @Override
  public void close() {
    driver.quit();
  }
}
