package dev.shoplink.host.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.host.testing.TestHost;
import dev.shoplink.simulator.ShopSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
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
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real headless Chromium against the real host and the shop simulator: sign in,
 * connect a shop through the form, synchronize, map two listings, work with the orders.
 * Skipped where the system has no Chromium and chromedriver (Debian: {@code apt-get install chromium
 * chromium-driver}); nothing is ever downloaded.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the shop switch last: it signs in by itself and adds integrations
class WebUiBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of(System.getProperty("java.io.tmpdir"));

    @TempDir
    static Path dir;
    static ShopSimulator shop;
    static TestHost host;
    static ChromeDriverService service;
    static WebDriver driver;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
        shop = ShopSimulator.builder().products(40).orders(60).noRateLimit().start();
        host = TestHost.start(dir.resolve("host"), shop.baseUrl());

        // the system driver and browser, given explicitly, so that Selenium Manager never looks for (or fetches) one
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withSilent(true)
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--window-size=1440,1000", "--lang=en-US",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chrome-profile")));
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(50));
        wait.ignoring(StaleElementReferenceException.class); // views redraw their parts as answers arrive
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (host != null) {
            host.close();
        }
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void anOperatorConnectsSynchronizesMapsAndArchives() throws IOException {
        try {
            signIn();
            long integrationId = connectShop();
            synchronize(integrationId);
            mapTwoListings(integrationId);
            overview();
            orders();
            pluginsAndExpiredToken();
            assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
                    .as("script errors in the browser console (answers with an error status are expected)")
                    .filteredOn(e -> e.getLevel() == Level.SEVERE && !e.getMessage().contains("Failed to load resource"))
                    .isEmpty();
        } catch (RuntimeException | AssertionError e) {
            screenshot("failure");
            throw e;
        }
    }

    @Test
    void theApiReferenceWorksUnderTheContentSecurityPolicy() throws IOException {
        try {
            driver.manage().logs().get(LogType.BROWSER); // drop what earlier pages logged
            driver.get(host.uri("/api/docs").toString());
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".swagger-ui .info .title"),
                    "Shoplink"));
            assertThat(driver.findElements(By.cssSelector(".swagger-ui .opblock"))).as("the operations are listed").hasSizeGreaterThan(20);
            assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
                    .as("script errors or Content-Security-Policy violations on the API reference")
                    .filteredOn(e -> (e.getLevel() == Level.SEVERE && !e.getMessage().contains("Failed to load resource"))
                            || e.getMessage().contains("Content Security Policy"))
                    .isEmpty();
        } catch (RuntimeException | AssertionError e) {
            screenshot("api-docs-failure");
            throw e;
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void anOperatorSwitchesAShopAfterReadingTheDryRunReport() throws IOException {
        try {
            dev.shoplink.host.testing.AdminCalls api = new dev.shoplink.host.testing.AdminCalls(host);
            Map<String, Object> form = new java.util.LinkedHashMap<>(Map.of("connector", "shipstation", "name", "Old store",
                    "customerType", "WHOLESALE", "shopUrl", "https://old-store.example.com",
                    "credentials", Map.of("apiKey", shop.apiKey(), "apiSecret", shop.apiSecret()),
                    "syncStartDate", java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(20).toString()));
            long old = api.createIntegration(form).get("id").asLong();
            api.syncAndWait(old, "all");
            // a SKU the catalog does not hold yet (the first test mapped two of the same shop)
            java.util.Set<String> catalogued = new java.util.HashSet<>();
            for (JsonNode i : host.get("/api/v1/integrations").json().get("items")) {
                api.listings(i.get("id").asLong(), "state=MAPPED").forEach(l -> catalogued.add(l.get("sku").asText()));
            }
            JsonNode listing = api.listings(old, "state=NEW").stream()
                    .filter(l -> !catalogued.contains(l.get("sku").asText())).findFirst().orElseThrow();
            assertThat(api.map(old, dev.shoplink.host.testing.AdminCalls.row(listing.get("id").asLong(),
                    dev.shoplink.host.testing.AdminCalls.productNamed("Switch Blend"), "250 g", "WHOLE_BEAN")).status())
                    .isEqualTo(200);
            int orders = api.orders("integrationId=" + old).get("total").asInt();
            int allOrders = api.orders("").get("total").asInt();

            driver.get(host.uri("/").toString());
            ((JavascriptExecutor) driver).executeScript("sessionStorage.setItem('shoplink.adminToken', arguments[0])",
                    TestHost.TOKEN);
            driver.get(host.uri("/#/integrations").toString());
            click("tr[data-integration='" + old + "'] a[data-action=switch]");
            heading("Switch Old store to another shop");
            assertThat(visible("#name").getAttribute("value")).as("the name is offered again").isEqualTo("Old store");
            assertThat(new Select(visible("#customerType")).getFirstSelectedOption().getAttribute("value")).isEqualTo("WHOLESALE");
            assertThat(visible("#syncStartDate").getAttribute("value")).isEqualTo(form.get("syncStartDate"));
            visible("#shopUrl").sendKeys("https://new-store.example.com");
            visible("#cred-apiKey").sendKeys(shop.apiKey());
            visible("#cred-apiSecret").sendKeys("wrong");
            click("form.form button[type=submit]");
            assertThat(text(".notice .banner-error")).contains("rejected the credentials");

            visible("#cred-apiSecret").clear();
            visible("#cred-apiSecret").sendKeys(shop.apiSecret());
            click("form.form button[type=submit]");
            heading("Switch Old store: what will happen");
            assertThat(text("[data-count=mapped]")).startsWith("1 of ");
            assertThat(text("[data-count=linked]")).startsWith(orders + " of ");
            assertThat(driver.findElements(By.cssSelector("td[data-outcome=MAPPED]"))).hasSize(1);
            assertThat(api.integration(old).get("status").asText()).as("the report changed nothing").isNotEqualTo("DISCONNECTED");
            screenshot("switch-report");

            click("button[data-action=confirm-switch]");
            heading("Old store is switched to Old store");
            assertThat(text(".banner-success")).contains("disconnected");
            assertThat(text("[data-switch-summary=done] [data-count=linked]")).startsWith(orders + " of ");
            screenshot("switch-result");
            assertThat(api.integration(old).get("status").asText()).isEqualTo("DISCONNECTED");
            long now = -1;
            for (JsonNode i : host.get("/api/v1/integrations").json().get("items")) {
                if (i.get("name").asText().equals("Old store")) {
                    now = i.get("id").asLong();
                }
            }
            assertThat(now).as("the new integration, connected under the same name").isPositive().isNotEqualTo(old);
            JsonNode run = host.get("/api/v1/integrations/" + now + "/syncs").json().get("items").get(0);
            assertThat(api.awaitFinished(run.get("syncId").asLong()).get("state").asText()).isEqualTo("SUCCEEDED");
            assertThat(api.orders("").get("total").asInt()).as("no order twice").isEqualTo(allOrders);
        } catch (RuntimeException | AssertionError e) {
            screenshot("switch-failure");
            throw e;
        }
    }

    private void signIn() {
        driver.get(host.uri("/").toString());
        WebElement token = visible("#token");
        assertThat(driver.getCurrentUrl()).endsWith("#/signin");
        assertThat(text(".signin .hint")).contains("data/admin-token").contains("data-demo/admin-token");

        token.sendKeys("not-the-token");
        token.submit();
        assertThat(visible(".banner-error").getText()).contains("401");

        token.clear();
        token.sendKeys(TestHost.TOKEN);
        token.submit();
        heading("Integrations");
        assertThat(driver.findElement(By.id("demo-badge")).isDisplayed()).as("DEMO badge outside demo mode").isFalse();
        assertThat(driver.findElements(By.cssSelector("#nav a"))).extracting(WebElement::getText)
                .containsExactly("Integrations", "Orders", "Plugins");
    }

    private long connectShop() {
        click("a[href='#/integrations/new']");
        heading("Add integration");
        assertThat(new Select(visible("#connector")).getFirstSelectedOption().getText()).startsWith("ShipStation");
        assertThat(visible("#cred-apiKey").getAttribute("type")).isEqualTo("password");
        WebElement date = visible("#syncStartDate");
        assertThat(date.getAttribute("min")).isNotBlank();
        assertThat(date.getAttribute("max")).isNotBlank();

        visible("#name").sendKeys("Main store");
        new Select(visible("#customerType")).selectByValue("RETAIL");
        visible("#shopUrl").sendKeys("not a shop address");
        visible("#cred-apiKey").sendKeys(shop.apiKey());
        visible("#cred-apiSecret").sendKeys(shop.apiSecret());
        click("form.form button[type=submit]");

        // the 422 field error appears next to its field
        WebElement error = visible("#shopUrl-error");
        assertThat(error.getText()).contains("URL");
        assertThat(visible("#shopUrl").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(text(".notice .banner-error")).contains("correct the marked fields");

        WebElement url = visible("#shopUrl");
        url.clear();
        url.sendKeys("https://shop.example.com");
        click("form.form button[type=submit]");

        heading("Integrations");
        assertThat(visible(".banner-success").getText()).contains("Main store is connected");
        JsonNode created = host.get("/api/v1/integrations").json().get("items").get(0);
        assertThat(created.get("name").asText()).isEqualTo("Main store");
        return created.get("id").asLong();
    }

    private void synchronize(long integrationId) {
        click("tr[data-integration='" + integrationId + "'] button[data-action=sync]");
        wait.withTimeout(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-sync-for='" + integrationId + "'] .sync[data-state=SUCCEEDED]")));
        String row = text("tr[data-integration='" + integrationId + "']");
        assertThat(row).containsPattern("[1-9]\\d* new");
        assertThat(text("[data-sync-for='" + integrationId + "']")).contains("items");
    }

    private void mapTwoListings(long integrationId) throws IOException {
        // one catalog product exists already, to be found through the type-ahead
        assertThat(host.post("/api/v1/products", Map.of("name", "House Espresso")).status()).isEqualTo(201);

        click("tr[data-integration='" + integrationId + "'] a[data-action=map]");
        heading("Map products — Main store");
        List<WebElement> rows = wait.until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(".table-wizard tbody tr[data-listing]:not(.row-problem)"));
            return found.size() >= 2 ? found : null;
        });
        String first = rows.get(0).getAttribute("data-listing");
        String second = rows.get(1).getAttribute("data-listing");

        // first row: a new product name only, to see the row-level 422 errors
        visible("#m-" + first + "-product").sendKeys("Browser Blend");
        // second row: an existing product picked from the type-ahead
        visible("#m-" + second + "-product").sendKeys("House");
        WebElement option = visible("#m-" + second + "-product ~ .combo-list li.combo-option");
        assertThat(option.getText()).contains("House Espresso");
        option.click();
        assertThat(visible("#m-" + second + "-product").getAttribute("value")).isEqualTo("House Espresso");
        assertThat(text("#m-" + second + "-product-status")).contains("existing product");
        new Select(visible("#m-" + second + "-unit")).selectByValue("1 kg");
        new Select(visible("#m-" + second + "-grind")).selectByValue("ESPRESSO");
        assertThat(text("#m-" + first + "-product-status")).contains("new product");

        click("button[data-action=save-mappings]");
        assertThat(visible("#m-" + first + "-unit-error").getText()).isNotBlank();
        assertThat(visible("#m-" + first + "-grind-error").getText()).isNotBlank();
        assertThat(visible(".notice .banner-error").getText()).contains("Nothing was saved");
        assertThat(host.get("/api/v1/integrations/" + integrationId + "/listings?state=MAPPED").json().get("total").asInt())
                .isZero();

        new Select(visible("#m-" + first + "-unit")).selectByValue("250 g");
        new Select(visible("#m-" + first + "-grind")).selectByValue("WHOLE_BEAN");
        screenshot("wizard");
        click("button[data-action=save-mappings]");

        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-tab=MAPPED]"), "aria-selected", "true"));
        assertThat(visible(".banner-success").getText()).contains("2 listings mapped");
        WebElement mappedFirst = visible("tr[data-listing='" + first + "']");
        assertThat(mappedFirst.getText()).contains("Browser Blend").contains("250 g").contains("Whole bean");
        assertThat(visible("tr[data-listing='" + second + "']").getText()).contains("House Espresso").contains("1 kg");
        JsonNode mapped = host.get("/api/v1/integrations/" + integrationId + "/listings?state=MAPPED").json();
        assertThat(mapped.get("total").asInt()).isEqualTo(2);
        assertThat(host.get("/api/v1/products?q=House").json().get("items").get(0).get("variants")).hasSize(1);
    }

    private void overview() throws IOException {
        click("#nav a[data-nav=integrations]");
        heading("Integrations");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".table-integrations"), "2 mapped"));
        screenshot("overview");
    }

    private void orders() throws IOException {
        click("#nav a[data-nav=orders]");
        heading("Orders");
        List<WebElement> tags = wait.until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(".table-orders tbody tr td:nth-child(2)"));
            return found.isEmpty() ? null : found;
        });
        assertThat(tags).allSatisfy(t -> assertThat(t.getText()).startsWith("OR-"));
        assertThat(driver.findElements(By.cssSelector(".table-orders .pill-warn"))).as("unmapped lines flagged").isNotEmpty();

        WebElement firstRow = visible(".table-orders tbody tr");
        String orderId = firstRow.getAttribute("data-order-row");
        String secondId = driver.findElements(By.cssSelector(".table-orders tbody tr")).get(1).getAttribute("data-order-row");

        // a status change
        new Select(visible("select[data-status-for='" + secondId + "']")).selectByValue("IN_PROGRESS");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice .banner-success"), "In progress"));
        assertThat(host.get("/api/v1/orders/" + secondId).json().get("status").asText()).isEqualTo("IN_PROGRESS");
        // only the moves the API allows are offered; archiving is the button's, and a completed order stays
        Select secondStatus = new Select(visible("select[data-status-for='" + secondId + "']"));
        assertThat(secondStatus.getOptions()).extracting(o -> o.getAttribute("value"))
                .containsExactly("IN_PROGRESS", "RECEIVED", "COMPLETED");
        secondStatus.selectByValue("COMPLETED");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice .banner-success"), "Completed"));
        wait.until(d -> !d.findElement(By.cssSelector("select[data-status-for='" + secondId + "']")).isEnabled());
        assertThat(host.get("/api/v1/orders/" + secondId).json().get("status").asText()).isEqualTo("COMPLETED");

        screenshot("orders");
        // archive the first one
        click("input[data-order='" + orderId + "']");
        WebElement archive = visible("button[data-action=archive-selected]");
        assertThat(archive.getText()).isEqualTo("Archive selected (1)");
        archive.click();
        click("dialog[open] button[value=ok]");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice .banner-success"), "1 order archived"));
        assertThat(host.get("/api/v1/orders/" + orderId).json().get("status").asText()).isEqualTo("ARCHIVED");
        wait.until(ExpectedConditions.attributeContains(By.cssSelector("tr[data-order-row='" + orderId + "']"), "class", "row-archived"));
    }

    private void pluginsAndExpiredToken() {
        click("#nav a[data-nav=plugins]");
        heading("Plugins");
        assertThat(visible(".table tbody tr").getText()).contains("shipstation").contains("Started");

        // a token the host no longer accepts sends the user back to sign-in, with a word on why
        ((JavascriptExecutor) driver).executeScript("sessionStorage.setItem('shoplink.adminToken', 'stale')");
        click("#nav a[data-nav=orders]");
        visible("#token");
        assertThat(text(".signin-wrap .banner-warning")).contains("401");
        assertThat(driver.findElement(By.id("nav")).isDisplayed()).isFalse();
    }

    // --- helpers ---

    private static WebElement visible(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    private static void click(String css) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    private static String text(String css) {
        return visible(css).getText();
    }

    private static void heading(String title) {
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), title));
    }

    private static void screenshot(String name) throws IOException {
        if (driver == null) {
            return;
        }
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve("shoplink-ui-" + name + ".png"), png);
    }
}
