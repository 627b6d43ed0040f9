package io.arus.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, with the few moves the console tests need: open a
 * console path, wait for an element, fill a form, take a screenshot. A missing browser fails, never skips.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Dimension DESKTOP = new Dimension(1366, 900);
    static final Dimension PHONE = new Dimension(390, 844);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final String base;
    private final Path screenshots;
    private final Path profile;
    private final String prefix;
    private int shots;

    private Browser(ChromeDriver driver, String base, Path screenshots, Path profile, String prefix) {
        this.driver = driver;
        this.base = base;
        this.screenshots = screenshots;
        this.profile = profile;
        this.prefix = prefix;
    }

    /**
     * Starts Chromium with a fresh profile.
     *
     * @param base        the server, e.g. {@code http://127.0.0.1:41234}
     * @param screenshots where PNGs go
     * @throws AssertionError when Chromium or chromedriver is not installed
     */
    static Browser start(String base, Path screenshots) throws IOException {
        return start(base, screenshots, "");
    }

    /**
     * Starts Chromium with a fresh profile; its screenshots are named {@code <prefix>-01-name.png}, so that test
     * classes do not overwrite each other's.
     */
    static Browser start(String base, Path screenshots, String prefix) throws IOException {
        for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(binary)) {
                throw new AssertionError(binary + " is missing: the console tests need Debian's chromium and chromium-driver "
                        + "packages; run scripts/test-services.sh as root (apt-get install -y chromium chromium-driver)");
            }
        }
        Files.createDirectories(screenshots);
        try (var old = Files.newDirectoryStream(screenshots, prefix.isEmpty() ? "[0-9]*.png" : prefix + "-*.png")) {
            for (Path png : old) {
                Files.delete(png); // the numbering starts again: no stale picture of a previous run stays
            }
        }
        Path profile = Files.createTempDirectory("arus-e2e-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=" + DESKTOP.width + "," + DESKTOP.height, "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(DESKTOP);
        return new Browser(driver, base, screenshots, profile, prefix.isEmpty() ? "" : prefix + "-");
    }

    /** Opens a console path ({@code /pipelines}) and waits for its page to finish loading. */
    void open(String path) {
        driver.get(base + "/#" + path);
        settle();
    }

    /** Waits until the page of the current address has rendered (the router marks it) and shows no spinner. */
    void settle() {
        new WebDriverWait(driver, WAIT).until(d -> Boolean.TRUE.equals(js(
                "const path = (location.hash.replace(/^#/, '') || '/').split('?')[0] || '/';"
                        + "const view = document.getElementById('view');"
                        + "return view.dataset.ready === path && !view.querySelector('.loading');")));
    }

    WebElement await(String css) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    WebElement await(String css, Duration timeout) {
        return new WebDriverWait(driver, timeout).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Waits until the page's address matches a pattern, e.g. {@code #/sources/[0-9a-f-]+}. */
    void awaitHash(String regex) {
        new WebDriverWait(driver, WAIT).until(d -> ((String) js("return location.hash")).matches(regex));
    }

    /**
     * Waits until {@code condition} gives something other than null or false.
     *
     * @return what it gave
     */
    <T> T until(Duration timeout, java.util.function.Supplier<T> condition) {
        return new WebDriverWait(driver, timeout).until(d -> {
            T value = condition.get();
            return Boolean.FALSE.equals(value) ? null : value;
        });
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Clicks an element; found again when the page redrew it in between (a filtered list, a refreshed table). */
    void click(String css) {
        for (int attempt = 1; ; attempt++) {
            try {
                WebElement element = new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
                js("arguments[0].scrollIntoView({block: 'center'})", element);
                element.click();
                return;
            } catch (StaleElementReferenceException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** Replaces an input's text. */
    void type(String css, String text) {
        WebElement input = await(css);
        input.clear();
        input.sendKeys(text);
    }

    /** Chooses the option whose text contains {@code text}. */
    void choose(String css, String text) {
        Select select = new Select(await(css));
        WebElement option = select.getOptions().stream().filter(o -> o.getText().contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no option containing '" + text + "' in " + css + ": "
                        + select.getOptions().stream().map(WebElement::getText).collect(Collectors.joining(", "))));
        select.selectByVisibleText(option.getText());
    }

    /** @return the text of the selected option of a select */
    String selectedText(String css) {
        return new Select(await(css)).getFirstSelectedOption().getText();
    }

    String text(String css) {
        return await(css).getText();
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Runs a script that ends by calling its last argument (a callback) with the result. */
    Object jsAsync(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    void resize(Dimension size) {
        driver.manage().window().setSize(size);
    }

    /**
     * Saves a PNG of the page under the screenshots folder, numbered in order.
     *
     * @param name     e.g. {@code dashboard}
     * @param fullPage grows the window to the page's height first (Chromium captures the window only)
     * @return the file
     */
    Path screenshot(String name, boolean fullPage) throws IOException {
        Dimension before = driver.manage().window().getSize();
        if (fullPage) {
            long height = ((Number) js("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)")).longValue();
            driver.manage().window().setSize(new Dimension(before.width, (int) Math.min(Math.max(height + 120, before.height), 6000)));
            js("return new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))");
        }
        Path file = screenshots.resolve(String.format("%s%02d-%s.png", prefix, ++shots, name));
        Path png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, file, StandardCopyOption.REPLACE_EXISTING);
        if (fullPage) {
            driver.manage().window().setSize(before);
        }
        return file;
    }

    /** @return console errors the page logged since the last call (uncaught exceptions, failed module loads) */
    List<String> scriptErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                // answers the console expects and shows in words (404 of an optional endpoint, a refused form)
                .filter(m -> !m.contains("Failed to load resource"))
                .toList();
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
