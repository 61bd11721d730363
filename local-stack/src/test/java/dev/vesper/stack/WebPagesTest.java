package dev.vesper.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vesper.core.json.Json;
import dev.vesper.core.log.NoteSigner;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The three pages in a real browser against the running stack: the holder portal (sign in, change a
 * policy, see the change in the next presentation), the verifier page (a pasted presentation verified,
 * a replayed one refused), the registry explorer (inclusion proofs and the checkpoint signature checked
 * in the browser). Each page also passes the basic accessibility checks, and each service's front door
 * ({@code GET /}) leads the browser there.
 */
class WebPagesTest {
  @TempDir
  static Path dir;
  static LocalStack stack;
  static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    stack = LocalStack.start(new LocalStack.Options(dir, "127.0.0.1", 0, null, Duration.ofSeconds(60)),
        new PrintStream(OutputStream.nullOutputStream()));
    browser = new Browser();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    stack.close();
  }

  @Test
  void eachFrontDoorLeadsABrowserToItsPageAndAScriptToItsApiDescription() throws Exception {
    Map<String, String> pages = Map.of(stack.holderUrl(), "/portal/", stack.verifierUrl(), "/verify/", stack.registryUrl(), "/explorer/");
    for (Map.Entry<String, String> service : pages.entrySet()) {
      browser.open(service.getKey() + "/");
      browser.waitUntil(() -> browser.driver.getCurrentUrl().equals(service.getKey() + service.getValue()));
      assertThat(browser.accessibilityProblems()).as(service.getValue()).isEmpty();
    }
    browser.open(stack.issuerUrl() + "/");
    assertThat(browser.driver.findElement(By.cssSelector("a[href='/openapi.json']")).getText()).contains("OpenAPI");
    assertThat(browser.accessibilityProblems()).isEmpty();
    HttpClient http = HttpClient.newHttpClient();
    for (String url : List.of(stack.issuerUrl(), stack.holderUrl(), stack.verifierUrl(), stack.registryUrl())) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/"))
          .header("Accept", "application/json").build(), BodyHandlers.ofString());
      assertThat(r.statusCode()).as(url).isEqualTo(200);
      assertThat(Json.parseObject(r.body())).as(url).containsEntry("openapi", "3.0.3");
    }
  }

  @Test
  void holderPortalChangesAPolicyAndTheNextPresentationFollowsIt() throws Exception {
    browser.open(stack.holderUrl() + "/portal/");
    assertThat(browser.accessibilityProblems()).isEmpty();
    WebElement key = browser.byId("api-key");
    key.sendKeys(stack.persona("enterprise").apiKey(), Keys.ENTER); // keyboard only: type and press Enter
    browser.waitForRows("tokens", 1);
    browser.waitForRows("claims", 3);
    assertThat(browser.byId("policy-default").getAttribute("value")).isEqualTo("name, tn");

    presentFrom("+12025550100", "+14155550123");
    assertThat(disclosed()).containsExactlyInAnyOrder("name", "tn");

    browser.type("policy-default", "name, business_category, tn");
    browser.byId("save-policy").click();
    browser.waitForText("policy-status", "Policy saved.");
    presentFrom("+12025550100", "+14155550123");
    assertThat(disclosed()).containsExactlyInAnyOrder("name", "business_category", "tn");
    browser.waitForRows("audit", 2);
    assertThat(browser.accessibilityProblems()).isEmpty();
    browser.screenshot("holder-portal");
    if (Boolean.getBoolean("vesper.readme.screenshot")) { // the README's picture: -Dvesper.readme.screenshot=true
      Files.copy(Path.of("target", "screenshots", "holder-portal.png"), Path.of("..", "docs", "images", "holder-portal.png"),
          StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  void verifierPageVerifiesAPastedPresentationAndShowsEveryCheck() throws Exception {
    Map<String, Object> call = StackClient.call("POST", stack.holderUrl() + "/v1/presentations/call", stack.persona("consumer").apiKey(),
        Map.of("orig", "+13035550142", "dest", List.of("+14155550123"), "iat", Instant.now().getEpochSecond()));
    browser.open(stack.verifierUrl() + "/verify/");
    assertThat(browser.accessibilityProblems()).isEmpty();
    browser.type("presentation", (String) call.get("presentation"));
    browser.type("aud", (String) call.get("aud"));
    browser.type("nonce", (String) call.get("nonce"));
    browser.driver.findElement(By.cssSelector("#verify-form button[type=submit]")).click();
    assertThat(browser.waitForText("verdict", "Valid")).contains("every required check passed");
    assertThat(cells("claims", 0)).contains("name", "tn");
    assertThat(cells("checks", 1)).hasSize(11).doesNotContain("failed");
    assertThat(browser.driver.findElement(By.id("on-behalf")).isDisplayed()).as("no agent for a person's own call").isFalse();
    browser.screenshot("verifier-valid");

    browser.type("aud", "tel:+19995550000");
    browser.driver.findElement(By.cssSelector("#verify-form button[type=submit]")).click();
    assertThat(browser.waitForText("verdict", "Invalid")).contains("key_binding.aud_mismatch");
    assertThat(cells("checks", 1)).contains("failed");
    assertThat(browser.accessibilityProblems()).isEmpty();
    browser.screenshot("verifier-refused");
  }

  @Test
  void verifierPageAsksAWalletForAPresentationWithAQrCodeAndShowsTheAnswer() throws Exception {
    browser.open(stack.verifierUrl() + "/verify/");
    assertThat(browser.accessibilityProblems()).isEmpty();
    browser.type("ask-number", "+13035550142");
    browser.driver.findElement(By.cssSelector("#ask-form button[type=submit]")).click();
    browser.waitForText("ask-status", "Waiting");
    browser.byId("ask-qr");
    browser.waitUntil(() -> (Long) browser.script("return document.getElementById('ask-qr').naturalWidth;") > 0);
    String request = browser.byId("ask-url").getAttribute("value");
    assertThat(request).startsWith("openid4vp://?client_id=redirect_uri");
    assertThat(browser.byId("ask-link").getAttribute("href")).isEqualTo(request);
    assertThat(browser.accessibilityProblems()).isEmpty();
    browser.screenshot("verifier-ask-qr");
    // The consumer's wallet (the holder service, for her tenant) answers the request it was handed.
    StackClient.call("POST", stack.holderUrl() + "/v1/presentation-requests", stack.persona("consumer").apiKey(), Map.of("request", request));
    assertThat(browser.waitForText("ask-status", "Verified")).contains("exactly what was asked");
    assertThat(cells("ask-claims", 0)).containsExactly("name", "tn");
    assertThat(cells("ask-claims", 1)).containsExactly("Jane Roe (demo)", "13035550142");
    assertThat(browser.accessibilityProblems()).isEmpty();
    browser.screenshot("verifier-ask-verified");

    browser.byId("ask-form").findElement(By.cssSelector("input[value='entity_type']")).click();
    browser.driver.findElement(By.cssSelector("#ask-form button[type=submit]")).click();
    browser.waitForText("ask-status", "Waiting");
    String beyondPolicy = browser.byId("ask-url").getAttribute("value");
    StackClient.CallFailed refused = (StackClient.CallFailed) Assertions.catchThrowable(() -> StackClient.call("POST",
        stack.holderUrl() + "/v1/presentation-requests", stack.persona("consumer").apiKey(), Map.of("request", beyondPolicy)));
    assertThat(refused.error()).isEqualTo("holder.disclosure_refused");
    assertThat(browser.byId("ask-status").getText()).startsWith("Waiting");
  }

  @Test
  @SuppressWarnings("unchecked")
  void verifierPageShowsAnAgentOnBehalfOfItsClient() throws Exception {
    Map<String, Object> call = StackClient.call("POST", stack.holderUrl() + "/v1/presentations/call", stack.persona("contact_centre").apiKey(),
        Map.of("orig", "+12025550210", "dest", List.of("+14155550123"), "iat", Instant.now().getEpochSecond()));
    Map<String, Object> delegation = (Map<String, Object>) call.get("delegation");
    browser.open(stack.verifierUrl() + "/verify/");
    browser.type("presentation", (String) call.get("presentation"));
    browser.type("aud", (String) call.get("aud"));
    browser.type("nonce", (String) call.get("nonce"));
    browser.driver.findElement(By.cssSelector("#delegation-input summary")).click();
    browser.type("delegation", (String) delegation.get("assertion"));
    browser.type("agent", (String) delegation.get("agent"));
    browser.driver.findElement(By.cssSelector("#verify-form button[type=submit]")).click();
    assertThat(browser.waitForText("verdict", "Valid")).contains("every required check passed");
    assertThat(browser.waitForText("on-behalf", "on behalf of"))
        .startsWith("Dial Partners (demo contact centre) on behalf of Acme Widgets Inc. (demo)").contains("grant until");
    assertThat(cells("checks", 1)).last().isEqualTo("passed");
    assertThat(browser.accessibilityProblems()).isEmpty();
    browser.screenshot("verifier-delegated");

    // The same over STIR: the STI-AS signs the contact centre's call, the page verifies the Identity header.
    long iat = Instant.now().getEpochSecond();
    Map<String, Object> sti = (Map<String, Object>) stack.facts().get("sti");
    Map<String, Object> signed = StackClient.call("POST", (String) sti.get("signing"), stack.persona("contact_centre").apiKey(),
        Map.of("signingRequest", Map.of("orig", Map.of("tn", "+12025550210"), "dest", Map.of("tn", List.of("+13035550199")), "iat", iat)));
    browser.type("identity", (String) ((Map<String, Object>) signed.get("signingResponse")).get("identity"));
    browser.type("from", "+12025550210");
    browser.type("to", "+13035550199");
    browser.driver.findElement(By.cssSelector("#call-form button[type=submit]")).click();
    assertThat(browser.waitForText("call-verdict", "TN-Validation")).startsWith("TN-Validation-Passed");
    assertThat(browser.waitForText("call-on-behalf", "on behalf of")).startsWith("Dial Partners (demo contact centre) on behalf of Acme Widgets");
  }

  @Test
  @SuppressWarnings("unchecked")
  void verifierPageVerifiesAPastedIdentityHeader() throws Exception {
    long iat = Instant.now().getEpochSecond();
    Map<String, Object> sti = (Map<String, Object>) stack.facts().get("sti");
    Map<String, Object> signed = StackClient.call("POST", (String) sti.get("signing"), stack.persona("enterprise").apiKey(),
        Map.of("signingRequest", Map.of("orig", Map.of("tn", "+12025550250"), "dest", Map.of("tn", List.of("+13035550199")), "iat", iat)));
    String identity = (String) ((Map<String, Object>) signed.get("signingResponse")).get("identity");
    browser.open(stack.verifierUrl() + "/verify/");
    browser.type("identity", identity);
    browser.type("from", "+12025550250");
    browser.type("to", "+13035550199");
    browser.driver.findElement(By.cssSelector("#call-form button[type=submit]")).click();
    assertThat(browser.waitForText("call-verdict", "TN-Validation")).startsWith("TN-Validation-Passed");
    assertThat(cells("call-attributes", 1)).contains("Acme Widgets Inc. (demo)", "retail");
    browser.screenshot("verifier-call");
    // The same header replayed: refused.
    browser.driver.findElement(By.cssSelector("#call-form button[type=submit]")).click();
    assertThat(browser.waitForText("call-verdict", "stir.replayed")).startsWith("TN-Validation-Failed");
    assertThat(browser.accessibilityProblems()).isEmpty();
  }

  @Test
  void registryExplorerChecksProofsAndTheCheckpointSignatureInTheBrowser() throws Exception {
    browser.open(stack.registryUrl() + "/explorer/");
    assertThat(browser.accessibilityProblems()).isEmpty();
    browser.waitForRows("recent", 3);
    assertThat(cells("recent", 3)).allSatisfy(c -> assertThat(c).startsWith("proved in tree of"));
    browser.type("vkey", stack.logKey());
    browser.byId("check-signature").click();
    assertThat(browser.waitForText("cp-status", "Signature")).contains("Signature valid");
    // Another key under the log's own name (an impostor's): refused.
    String origin = stack.logKey().substring(0, stack.logKey().indexOf('+'));
    browser.type("vkey", NoteSigner.generate(origin, new SecureRandom()).verifierKey().vkey());
    browser.byId("check-signature").click();
    assertThat(browser.waitForText("cp-status", "key hash")).doesNotContain("Signature valid");
    browser.screenshot("registry-explorer");
  }

  private void presentFrom(String orig, String dest) {
    browser.type("call-orig", orig);
    browser.type("call-dest", dest);
    browser.driver.findElement(By.cssSelector("#call-form button[type=submit]")).click();
    browser.waitForText("call-status", "Presented to");
  }

  private List<String> disclosed() {
    return cells("call-disclosed", 0);
  }

  private List<String> cells(String table, int column) {
    return browser.rows(table).stream().map(r -> r.findElements(By.tagName("td")).get(column).getText()).toList();
  }
}
