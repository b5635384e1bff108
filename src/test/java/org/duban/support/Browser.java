package org.duban.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven through Debian's chromedriver, headless; nothing is downloaded.
 * Screenshots go to target/screenshots. A JUnit extension: register it in a test class
 * ({@code @RegisterExtension final Browser browser = new Browser(() -> port);}) and every test gets a
 * fresh browser, with a screenshot of the page when the test fails (taken before the browser closes).
 */
public final class Browser implements BeforeEachCallback, AfterEachCallback {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SHOTS = Path.of("target", "screenshots");

  public WebDriver driver;
  private final IntSupplier port;
  private String base;

  public Browser(IntSupplier port) {
    this.port = port;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!Files.isExecutable(CHROMEDRIVER) || !Files.isExecutable(CHROMIUM)) {
      throw new IllegalStateException("browser tests need Debian's chromium and chromium-driver: "
          + "apt-get install -y chromium chromium-driver fonts-wqy-microhei (.ci/run does it)");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1400,1000", "--lang=zh-CN");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    this.driver = new ChromeDriver(service, options);
    this.base = "http://localhost:" + port.getAsInt();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      if (context.getExecutionException().isPresent()) {
        screenshot("FAILED-" + context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName());
      }
    } finally {
      driver.quit();
      driver = null;
    }
  }

  public void open(String path) {
    driver.get(base + path);
  }

  public WebElement waitFor(By by) {
    return new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  public void waitForText(String text) {
    // a page that navigates meanwhile replaces its body: look again rather than fail
    new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
        .until(d -> d.findElement(By.tagName("body")).getText().contains(text));
  }

  public String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /** Logs in to a Camunda webapp as a person does, on its login form. */
  public void login(String app, String user, String password) {
    open("/camunda/app/" + app + "/default/");
    waitFor(By.cssSelector("input[ng-model='username']")).sendKeys(user);
    driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(password);
    driver.findElement(By.cssSelector("button[type='submit']")).click();
  }

  public void logout() {
    ((JavascriptExecutor) driver).executeScript("document.cookie.split(';').forEach(function(c){"
        + "document.cookie=c.trim().split('=')[0]+'=;expires=Thu, 01 Jan 1970 00:00:00 GMT;path=/';});");
    driver.manage().deleteAllCookies();
  }

  public Path screenshot(String name) {
    try {
      Files.createDirectories(SHOTS);
      Path file = SHOTS.resolve(name + ".png");
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

}
