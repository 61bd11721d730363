package dev.vesper.server.http;

import io.javalin.http.Context;

/**
 * {@code GET /} of every service, by content negotiation (RFC 9110 §12.5.1): a browser, which prefers
 * {@code text/html}, is sent on to the service's page ({@code 303 See Other}; a service without a page
 * gets a small index of links); a script ({@code application/json}, {@code *}{@code /*} or no
 * {@code Accept}) gets the OpenAPI document itself. Either answer names the document as the service's
 * description ({@code Link: </openapi.json>; rel="service-desc"}, RFC 8631) and varies by {@code Accept}.
 */
final class FrontDoor {
  private static final String OPENAPI = "/openapi.json";

  private final String service;
  private final String homePage;
  private final String openApi;

  /** {@code homePage} (a hosted page path) and {@code openApi} (the document) may be null. */
  FrontDoor(String service, String homePage, String openApi) {
    this.service = service;
    this.homePage = homePage;
    this.openApi = openApi;
  }

  void answer(Context ctx) {
    ctx.header("Vary", "Accept");
    if (openApi != null) {
      ctx.header("Link", "<" + OPENAPI + ">; rel=\"service-desc\"; type=\"application/json\"");
    }
    String accept = ctx.header("Accept");
    if (MediaRanges.quality(accept, "text/html") > MediaRanges.quality(accept, "application/json")) {
      if (homePage != null) {
        ctx.status(303).header("Location", homePage + "/");
        return;
      }
      ctx.header("Content-Security-Policy", "default-src 'none'; base-uri 'none'; frame-ancestors 'none'")
          .header("X-Content-Type-Options", "nosniff").contentType("text/html; charset=utf-8").result(index());
      return;
    }
    if (openApi != null) {
      ctx.header("Content-Location", OPENAPI).contentType("application/json").result(openApi);
      return;
    }
    ctx.contentType("application/json").result("{\"service\":\"" + service + "\",\"health\":\"/health/ready\"}");
  }

  private String index() {
    StringBuilder html = new StringBuilder("<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Vesper ")
        .append(service).append("</title></head>\n<body>\n<h1>Vesper ").append(service).append("</h1>\n<ul>\n");
    if (openApi != null) {
      html.append("<li><a href=\"").append(OPENAPI).append("\">API description (OpenAPI)</a></li>\n");
    }
    html.append("<li><a href=\"/health/ready\">Readiness</a></li>\n</ul>\n</body>\n</html>\n");
    return html.toString();
  }
}
