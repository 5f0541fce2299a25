package dev.shoplink.host.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.host.testing.AdminCalls;
import dev.shoplink.host.testing.TestHost;
import dev.shoplink.simulator.ShopSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
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
    /** Where screenshots go: {@code -Dshoplink.screenshots=../docs/screenshots} refreshes the README's pictures. */
    private static final Path SCREENSHOTS = Path.of(System.getProperty("shoplink.screenshots", System.getProperty("java.io.tmpdir")));

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
        // the demo's catalog (bin/shoplink --demo: 120 products, seed 2026)
        shop = ShopSimulator.builder().products(120).seed(2026).orders(800).noRateLimit()
                .shopifyBucket(20_000, 1_000) // the same shop on Shopify's GraphQL side, without waiting for its bucket
                .start();
        Map<String, String> env = TestHost.env(dir.resolve("host"), shop.baseUrl());
        env.put("SHOPLINK_SHOPIFY_BASE_URL", shop.baseUrl());
        host = TestHost.start(dir.resolve("host"), env, Clock.systemUTC(), true);

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
            mapAllThroughSuggestions(integrationId);
            overview();
            orders();
            disconnectKeepsItsOrders(integrationId);
            connectShopifyAndSynchronize();
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
            AdminCalls api = new AdminCalls(host);
            Map<String, Object> form = new LinkedHashMap<>(Map.of("connector", "shipstation", "name", "Old store",
                    "customerType", "WHOLESALE", "shopUrl", "https://old-store.example.com",
                    "credentials", Map.of("apiKey", shop.apiKey(), "apiSecret", shop.apiSecret()),
                    "syncStartDate", LocalDate.now(ZoneOffset.UTC).minusDays(20).toString()));
            long old = api.createIntegration(form).get("id").asLong();
            api.syncAndWait(old, "all");
            // one listing mapped as the catalog already has its SKU (the first test mapped the whole demo catalog)
            Map<String, JsonNode> variantBySku = new HashMap<>();
            for (JsonNode p : host.get("/api/v1/products?size=500").json().get("items")) {
                p.get("variants").forEach(v -> variantBySku.put(v.get("sku").asText(), v));
            }
            JsonNode listing = api.listings(old, "").stream()
                    .filter(l -> variantBySku.containsKey(l.get("sku").asText())).findFirst().orElseThrow();
            if (!listing.get("state").asText().equals("MAPPED")) {
                JsonNode variant = variantBySku.get(listing.get("sku").asText());
                assertThat(api.map(old, AdminCalls.row(listing.get("id").asLong(),
                        AdminCalls.productId(variant.get("productId").asLong()), variant.get("unit").asText(),
                        variant.get("grindStyle").asText())).status()).isEqualTo(200);
            }
            int mapped = api.listings(old, "state=MAPPED").size();
            int orders = api.orders("integrationId=" + old).get("total").asInt();
            int allOrders = api.orders("").get("total").asInt();

            signInAgain();
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
            assertThat(text("[data-count=mapped]")).startsWith(mapped + " of ");
            assertThat(text("[data-count=linked]")).startsWith(orders + " of ");
            assertThat(driver.findElements(By.cssSelector("td[data-outcome=MAPPED]"))).hasSize(mapped);
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

    /** Signs in through the form when an earlier test left the browser signed out. */
    private void signInAgain() {
        driver.get(host.uri("/#/integrations").toString());
        wait.until(d -> !d.findElements(By.cssSelector("#token")).isEmpty()
                || !d.findElements(By.cssSelector("#sign-out")).isEmpty() && d.findElement(By.id("sign-out")).isDisplayed());
        if (!driver.findElements(By.cssSelector("#token")).isEmpty() && driver.findElement(By.id("token")).isDisplayed()) {
            WebElement token = visible("#token");
            token.sendKeys(TestHost.TOKEN);
            token.submit();
            heading("Integrations");
        }
    }

    private void signIn() throws IOException {
        driver.get(host.uri("/").toString());
        WebElement token = visible("#token");
        assertThat(driver.getCurrentUrl()).endsWith("#/signin");
        assertThat(text(".signin .hint")).contains("data/admin-token").contains("data-demo/admin-token");

        screenshot("signin");
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

        // the token became a session cookie the page's scripts cannot read; nothing of it is kept in storage
        Cookie session = driver.manage().getCookieNamed("shoplink_session");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(((JavascriptExecutor) driver).executeScript("return document.cookie + sessionStorage.length + localStorage.length"))
                .isEqualTo("00");

        // a second tab of the same browser is signed in without asking for the token again
        String first = driver.getWindowHandle();
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(host.uri("/#/orders").toString());
        heading("Orders");
        assertThat(driver.findElement(By.id("sign-out")).isDisplayed()).isTrue();
        driver.close();
        driver.switchTo().window(first);
    }

    private long connectShop() throws IOException {
        click("a[href='#/integrations/new']");
        heading("Add integration");
        assertThat(new Select(visible("#connector")).getFirstSelectedOption().getText()).startsWith("ShipStation");
        assertThat(visible("#cred-apiKey").getAttribute("type")).isEqualTo("password");
        WebElement date = visible("#syncStartDate");
        assertThat(date.getAttribute("min")).isNotBlank();
        assertThat(date.getAttribute("max")).isNotBlank();

        screenshot("integration-form");
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
        // the progress element while the run is active (pages · items, maybe time left), then the totals when done
        java.util.List<String> whileActive = new java.util.ArrayList<>();
        String cell = "[data-sync-for='" + integrationId + "']";
        wait.withTimeout(Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(50)).until(d -> {
            for (WebElement e : d.findElements(By.cssSelector(cell + " .sync[data-state=RUNNING] .sync-progress, "
                    + cell + " .sync[data-state=WAITING_RATE_LIMIT] .sync-progress"))) {
                whileActive.add(e.getText());
            }
            return !d.findElements(By.cssSelector(cell + " .sync[data-state=SUCCEEDED]")).isEmpty();
        });
        assertThat(whileActive).as("progress while running")
                .allMatch(t -> t.matches("(page \\d+ of \\d+|\\d+ pages) · \\d+ items.*"));
        WebElement totals = visible(cell + " .sync[data-state=SUCCEEDED] .sync-progress");
        assertThat(totals.getText()).matches("[1-9]\\d* items in [1-9]\\d* pages");
        assertThat(Integer.parseInt(totals.getAttribute("data-pages"))).isPositive();
        String row = text("tr[data-integration='" + integrationId + "']");
        assertThat(row).containsPattern("[1-9]\\d* new");
        assertThat(text("[data-sync-for='" + integrationId + "']")).contains("items");
    }

    /**
     * Maps every listing the shop offers through the suggestions: first a unit that contradicts its listing is caught
     * (nothing saved), then, from a fresh page, the counted path: accept all suggestions and save.
     */
    private void mapAllThroughSuggestions(long integrationId) throws IOException {
        click("tr[data-integration='" + integrationId + "'] a[data-action=map]");
        heading("Map products — Main store");
        List<WebElement> groups = wait.until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(".table-wizard tr.group-row"));
            return found.isEmpty() ? null : found;
        });
        List<String> names = groups.stream().map(g -> g.findElement(By.cssSelector(".group-name")).getText()).toList();
        List<String> sorted = new java.util.ArrayList<>(names);
        sorted.sort(String.CASE_INSENSITIVE_ORDER);
        assertThat(names).as("groups sorted by name").isEqualTo(sorted);
        // every row's suggestion is the listing's own unit, marked as a suggestion until accepted
        List<WebElement> rows = driver.findElements(By.cssSelector(".table-wizard tbody tr[data-listing]:not(.row-problem)"));
        assertThat(rows).isNotEmpty();
        for (WebElement row : rows) {
            String text = row.findElement(By.cssSelector(".listing")).getText();
            WebElement unit = row.findElement(By.cssSelector("select[id$='-unit']"));
            assertThat(text).as("listing and its suggested unit").contains(new Select(unit).getFirstSelectedOption().getText());
            assertThat(unit.getAttribute("class")).contains("suggested");
        }
        assertThat(visible("button[data-action=save-mappings]").isEnabled()).as("nothing to save before accepting").isFalse();

        // a unit contradicting its listing asks first; cancelled, nothing is saved and the banner is in view
        WebElement row = rows.get(0);
        String listingId = row.getAttribute("data-listing");
        String own = new Select(visible("#m-" + listingId + "-unit")).getFirstSelectedOption().getAttribute("value");
        new Select(visible("#m-" + listingId + "-unit")).selectByValue(own.equals("5 lb") ? "250 g" : "5 lb");
        click("button[data-action=save-mappings]");
        assertThat(visible("dialog[open]").getText()).contains("the listing says " + own);
        click("dialog[open] button[value=cancel]");
        WebElement bannerShown = visible(".notice .banner-error");
        assertThat(bannerShown.getText()).contains("Nothing was saved");
        assertThat(visible(".footer-message").getText()).contains("Nothing was saved");
        assertThat(inViewport(bannerShown) || inViewport(visible(".footer-message"))).isTrue();
        assertThat(host.get("/api/v1/integrations/" + integrationId + "/listings?state=MAPPED").json().get("total").asInt())
                .isZero();
        screenshot("wizard-warning");

        // the counted path, from a fresh wizard
        driver.navigate().refresh();
        heading("Map products — Main store");
        visible(".table-wizard tr.group-row");
        // the page counts the operator's own input (trusted events only, not what the UI's scripts dispatch)
        ((JavascriptExecutor) driver).executeScript("window.__effort = {clicks: 0, keystrokes: 0};"
                + "document.addEventListener('click', e => { if (e.isTrusted) window.__effort.clicks++; }, true);"
                + "document.addEventListener('keydown', e => { if (e.isTrusted) window.__effort.keystrokes++; }, true);");
        click("button[data-action=accept-all]");
        screenshot("wizard");
        click("button[data-action=save-mappings]");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice .banner-success"), "mapped"));
        @SuppressWarnings("unchecked")
        Map<String, Long> effort = (Map<String, Long>) ((JavascriptExecutor) driver).executeScript("return window.__effort;");
        assertThat(effort).as("the same page counted every input (no reload on the way)").isNotNull();
        long clicks = effort.get("clicks");
        long keystrokes = effort.get("keystrokes");
        assertThat(clicks).as("clicks counted by the page").isEqualTo(2);
        assertThat(keystrokes).as("keystrokes counted by the page").isZero();
        JsonNode left = host.get("/api/v1/integrations/" + integrationId + "/listings?state=NEW&size=500").json();
        assertThat(left.get("items")).as("only listings the shop must fix first are left")
                .allSatisfy(l -> assertThat(l.get("problem").isNull()).isFalse());
        int mapped = host.get("/api/v1/integrations/" + integrationId + "/listings?state=MAPPED").json().get("total").asInt();
        assertThat(mapped).isGreaterThan(10);
        JsonNode products = host.get("/api/v1/products?size=500").json();
        assertThat(products.get("total").asInt()).as("one catalog product per group").isEqualTo(names.size());
        String report = "mapped " + mapped + " listings in " + names.size() + " groups with " + clicks + " clicks and "
                + keystrokes + " keystrokes";
        System.out.println("WebUiBrowserTest: " + report);
        Files.writeString(SCREENSHOTS.resolve("shoplink-ui-mapping-effort.txt"), report + "\n");
    }

    private static boolean inViewport(WebElement element) {
        Object inside = ((JavascriptExecutor) driver).executeScript(
                "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight;", element);
        return Boolean.TRUE.equals(inside);
    }

    private void overview() throws IOException {
        click("#nav a[data-nav=integrations]");
        heading("Integrations");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".table-integrations"), " mapped"));
        screenshot("integrations");
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

        // orders the roaster still works on (not archived, no shop-state attention, RECEIVED)
        List<String> workable = driver.findElements(By.cssSelector(".table-orders tbody tr:not(.row-archived):not(.row-attention)"))
                .stream().filter(r -> "RECEIVED".equals(r.findElement(By.cssSelector("select[data-status-for]")).getAttribute("value")))
                .map(r -> r.getAttribute("data-order-row")).toList();
        assertThat(workable).hasSizeGreaterThanOrEqualTo(2);
        String orderId = workable.get(0);
        String secondId = workable.get(1);
        assertThat(driver.findElements(By.cssSelector(".table-orders tr.row-archived input[data-order]")))
                .as("archived orders are not selectable").allSatisfy(box -> assertThat(box.isEnabled()).isFalse());
        assertThat(text(".table-orders .items li")).as("quantity and name apart").containsPattern("\\d+ × \\S");
        assertThat(driver.findElements(By.cssSelector(".table-orders .items .resolved"))).as("mapped lines show the catalog product")
                .isNotEmpty();

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

        // the detail of the order just moved: its lines resolved to the catalog, and both changes in its history
        click("tr[data-order-row='" + secondId + "'] a[data-action=order-detail]");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main h1"), "Order OR-"));
        assertThat(driver.findElements(By.cssSelector(".table-lines tbody tr"))).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector(".table-history tbody tr"))).as("RECEIVED → IN_PROGRESS → COMPLETED")
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(text(".table-history")).contains("In progress").contains("Completed");
        assertThat(text("[data-field=total]")).isNotBlank();
        screenshot("order-detail");
        driver.navigate().back();
        heading("Orders");

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

    /** Disconnected, the only shop leaves its orders behind, and the overview says so instead of "nothing connected yet". */
    private void disconnectKeepsItsOrders(long integrationId) throws IOException {
        click("#nav a[data-nav=integrations]");
        heading("Integrations");
        JsonNode counts = host.get("/api/v1/integrations/" + integrationId).json().get("counts");
        click("tr[data-integration='" + integrationId + "'] button[data-action=disconnect]");
        click("dialog[open] button[value=ok]");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice .banner-success"), "is disconnected"));
        String kept = text(".empty[data-state=disconnected-only]");
        assertThat(kept).doesNotContain("No shop is connected yet").contains("No shop is connected now")
                .contains("Main store").contains(counts.get("orders").asInt() + " orders")
                .contains(counts.get("listingsMapped").asInt() + " mapped listings");
        assertThat(counts.get("orders").asInt()).isPositive();
        screenshot("disconnected");
        click("[data-kept='" + integrationId + "'] a");
        heading("Orders");
        List<WebElement> rows = wait.until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(".table-orders tbody tr"));
            return found.isEmpty() ? null : found;
        });
        assertThat(rows).as("its orders are still there").isNotEmpty();
    }

    /** A Shopify shop connected through the form its connector describes (one secret field), then synchronized. */
    private void connectShopifyAndSynchronize() {
        click("#nav a[data-nav=integrations]");
        heading("Integrations");
        click("a.btn[href='#/integrations/new']");
        heading("Add integration");
        new Select(visible("#connector")).selectByValue("shopify");
        WebElement accessToken = visible("#cred-accessToken");
        assertThat(accessToken.getAttribute("type")).isEqualTo("password");
        assertThat(driver.findElements(By.id("cred-apiKey"))).as("ShipStation's fields are gone").isEmpty();
        visible("#name").sendKeys("Roaster on Shopify");
        new Select(visible("#customerType")).selectByValue("RETAIL");
        visible("#shopUrl").sendKeys("https://roaster.myshopify.com");
        accessToken.sendKeys("shpat_not_the_token");
        click("form.form button[type=submit]");
        wait.until(d -> !d.findElements(By.cssSelector(".notice .banner-error, #cred-accessToken-error")).isEmpty());
        assertThat(host.get("/api/v1/integrations").json().get("total").asInt()).as("nothing was created").isZero();

        accessToken = visible("#cred-accessToken");
        accessToken.clear();
        accessToken.sendKeys(shop.shopifyAccessToken());
        click("form.form button[type=submit]");
        heading("Integrations");
        assertThat(visible(".banner-success").getText()).contains("Roaster on Shopify is connected");
        JsonNode created = host.get("/api/v1/integrations").json().get("items").get(0);
        assertThat(created.get("connector").asText()).isEqualTo("shopify");
        long id = created.get("id").asLong();
        assertThat(text("tr[data-integration='" + id + "']")).contains("Shopify");
        synchronize(id);
        assertThat(host.get("/api/v1/integrations/" + id).json().get("counts").get("orders").asInt()).isPositive();
        // beside a connected shop, the disconnected one's orders are still mentioned under the table
        assertThat(text(".kept-note")).contains("Main store").contains("orders");
    }

    private void pluginsAndExpiredToken() throws IOException {
        click("#nav a[data-nav=plugins]");
        heading("Plugins");
        assertThat(visible(".table tbody tr").getText()).contains("shipstation").contains("Started");
        screenshot("plugins");

        // a session the host no longer knows (expired, host restarted) sends the user back to sign-in, with a word on why
        driver.manage().deleteCookieNamed("shoplink_session");
        driver.manage().addCookie(new Cookie("shoplink_session", "stale"));
        click("#nav a[data-nav=orders]");
        visible("#token");
        assertThat(text(".signin-wrap .banner-warning")).contains("session has ended");
        assertThat(driver.findElement(By.id("nav")).isDisplayed()).isFalse();

        // signing in again, then out: every tab of the browser is signed out, and the old cookie is dead on the host
        WebElement token = visible("#token");
        token.sendKeys(TestHost.TOKEN);
        token.submit();
        heading("Orders");
        String cookie = driver.manage().getCookieNamed("shoplink_session").getValue();
        click("#sign-out");
        visible("#token");
        assertThat(text(".signin-wrap .banner-warning")).contains("signed out");
        assertThat(driver.manage().getCookieNamed("shoplink_session")).isNull();
        assertThat(host.send(java.net.http.HttpRequest.newBuilder(host.uri("/api/v1/session"))
                .header("Cookie", "shoplink_session=" + cookie).GET(), false).status())
                .isEqualTo(401);
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(host.uri("/#/integrations").toString());
        visible("#token");
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
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve("shoplink-ui-" + name + ".png"), png);
    }
}
