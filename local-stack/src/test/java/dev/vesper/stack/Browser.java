package dev.vesper.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's packages ({@code chromium}, {@code chromium-driver}; run-tests
 * installs them), driven by Selenium with the system driver: nothing is downloaded. Screenshots go to
 * target/screenshots as test artefacts.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  final WebDriver driver;
  private final WebDriverWait wait;

  Browser() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
      throw new IllegalStateException("the browser tests need Debian's chromium and chromium-driver (./run-tests installs them)");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1600");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(15));
  }

  void open(String url) {
    driver.get(url);
  }

  WebElement byId(String id) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
  }

  void type(String id, String text) {
    WebElement e = byId(id);
    e.clear();
    e.sendKeys(text);
  }

  /** Waits until the element's text contains {@code text}; returns the whole text. */
  String waitForText(String id, String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    return driver.findElement(By.id(id)).getText();
  }

  void waitUntil(BooleanSupplier condition) {
    wait.until(d -> condition.getAsBoolean());
  }

  List<WebElement> rows(String tableId) {
    return driver.findElements(By.cssSelector("#" + tableId + " tbody tr"));
  }

  void waitForRows(String tableId, int atLeast) {
    wait.until(d -> rows(tableId).size() >= atLeast);
  }

  Object script(String js) {
    return ((JavascriptExecutor) driver).executeScript(js);
  }

  void screenshot(String name) throws Exception {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
  }

  /**
   * Basic accessibility checks of the current page: a language, every form control labelled, every
   * button named, and WCAG AA contrast (4.5:1) for text in body, labels, hints, buttons and table cells.
   * Returns the problems found (empty when none).
   */
  @SuppressWarnings("unchecked")
  List<String> accessibilityProblems() {
    return (List<String>) script("""
        const problems = [];
        if (!document.documentElement.lang) problems.push('no lang on <html>');
        for (const c of document.querySelectorAll('input, textarea, select')) {
          if (c.type === 'hidden') continue;
          const labelled = (c.id && document.querySelector('label[for="' + c.id + '"]')) || c.getAttribute('aria-label') || c.closest('label');
          if (!labelled) problems.push('unlabelled control ' + (c.id || c.name || c.outerHTML.slice(0, 60)));
        }
        for (const b of document.querySelectorAll('button')) {
          if (!(b.textContent.trim() || b.getAttribute('aria-label'))) problems.push('unnamed button');
        }
        const rgb = (s) => (s.match(/[0-9.]+/g) || []).slice(0, 3).map(Number);
        const lum = (c) => { const [r, g, b] = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
        const bg = (e) => { for (let n = e; n; n = n.parentElement) { const c = getComputedStyle(n).backgroundColor; if (c && !c.startsWith('rgba(0, 0, 0, 0)') && c !== 'transparent') return rgb(c); } return [255, 255, 255]; };
        for (const e of document.querySelectorAll('body, label, .hint, button, th, td, h1, h2, p')) {
          if (!e.offsetParent && e.tagName !== 'BODY') continue;
          const a = lum(rgb(getComputedStyle(e).color)), b = lum(bg(e));
          const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
          if (ratio < 4.5) problems.push('contrast ' + ratio.toFixed(2) + ' on ' + e.tagName + '.' + e.className);
        }
        return problems;""");
  }

  @Override
  public void close() {
    driver.quit();
  }

  static Map<String, Object> none() {
    return Map.of();
  }
}
