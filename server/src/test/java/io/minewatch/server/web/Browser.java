package io.minewatch.server.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
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
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium under test, driven by Selenium through Debian's chromedriver
 * ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}; Selenium Manager never runs, nothing is
 * downloaded). Headless, a fresh profile per browser (deleted on close), a settable window size (a
 * phone is 360×740), screenshots under {@code target/screenshots/}, waits with a deadline, and the
 * browser console's errors.
 *
 * <p>For the console's end-to-end tests: {@code try (Browser b = Browser.start(360, 740)) {
 * b.open(base + "/m/"); b.waitFor(...); b.screenshot("phone-list"); assertEquals(List.of(), b.consoleErrors()); }}
 * Stable element selectors are the pages' {@code data-test} attributes ({@link #byTest}).
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Paths.get(System.getProperty("minewatch.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Paths.get(System.getProperty("minewatch.chromedriver", "/usr/bin/chromedriver"));
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(15);
    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Whether Chromium and its driver are installed (scripts/test installs them). */
    public static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Starts a headless Chromium with a window of this size (CSS pixels). */
    public static Browser start(int width, int height) {
        if (!available()) {
            throw new IllegalStateException("Chromium not found: need " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian packages chromium and chromium-driver; scripts/test installs them)");
        }
        // Selenium Manager runs only when no driver is given: name ours so it never looks for one.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile;
        try {
            profile = Files.createTempDirectory("minewatch-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage", "--mute-audio",
                "--autoplay-policy=no-user-gesture-required", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height, "--force-device-scale-factor=1", "--lang=zh-CN");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            Browser b = new Browser(driver, profile);
            b.resize(width, height);
            return b;
        } catch (RuntimeException e) {
            deleteTree(profile);
            throw e;
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /**
     * Makes the page's viewport (not the window) this size, as a phone's would be: headless windows
     * include no browser chrome, but the window size is corrected by what the page reports.
     */
    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        Object inner = script("return [window.innerWidth, window.innerHeight];");
        if (inner instanceof List<?> l && l.size() == 2) {
            int dw = width - ((Number) l.get(0)).intValue();
            int dh = height - ((Number) l.get(1)).intValue();
            if (dw != 0 || dh != 0) {
                driver.manage().window().setSize(new Dimension(width + dw, height + dh));
            }
        }
    }

    /** The element with this {@code data-test} attribute. */
    public static By byTest(String name) {
        return By.cssSelector("[data-test=\"" + name + "\"]");
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    /** Runs a script in the page (arguments as {@code arguments[i]}). */
    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /**
     * Waits until the condition returns something other than null or false; fails after the deadline.
     * An element missing or replaced (pages re-render on live updates) counts as not yet.
     */
    public <T> T waitFor(Duration deadline, String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, deadline, Duration.ofMillis(50)).withMessage(what)
                .ignoring(StaleElementReferenceException.class).until(condition);
    }

    public <T> T waitFor(String what, Function<WebDriver, T> condition) {
        return waitFor(DEFAULT_WAIT, what, condition);
    }

    /** Clicks the element, found afresh until the click lands (live updates re-render lists). */
    public void click(By by) {
        waitFor("click " + by, d -> {
            d.findElement(by).click();
            return true;
        });
    }

    /** Waits until an element is displayed and returns it. */
    public WebElement waitVisible(By by) {
        return waitFor("visible: " + by, d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** Saves a PNG of the viewport as {@code target/screenshots/<name>.png} and returns its path. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The console entries since the last call (each read once), as "LEVEL message". */
    public List<String> consoleEntries() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    /** The console's errors (uncaught exceptions, console.error, failed loads) since the last read. */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /** A Chrome DevTools Protocol command (e.g. {@code Network.emulateNetworkConditions}); its result. */
    public Map<String, Object> cdp(String command, Map<String, Object> params) {
        return driver.executeCdpCommand(command, params);
    }

    /** Runs this script in every page before the page's own scripts (CDP addScriptToEvaluateOnNewDocument). */
    public void beforeEachPage(String js) {
        cdp("Page.addScriptToEvaluateOnNewDocument", Map.of("source", js));
    }

    /**
     * Takes the page off the network (true) or back on it, as DevTools' "Offline" does: new connections
     * fail, and the page sees {@code navigator.onLine} change with its offline/online events.
     */
    public void offline(boolean offline) {
        cdp("Network.enable", Map.of());
        cdp("Network.emulateNetworkConditions", Map.of("offline", offline, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /** Page width facts: {scrollWidth, clientWidth, innerWidth}; horizontal scroll iff scroll > client. */
    @SuppressWarnings("unchecked")
    public Map<String, Number> widths() {
        return (Map<String, Number>) script("const d = document.documentElement;"
                + "return {scrollWidth: Math.max(d.scrollWidth, document.body.scrollWidth),"
                + " clientWidth: d.clientWidth, innerWidth: window.innerWidth};");
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp profile is harmless
        }
    }
}
