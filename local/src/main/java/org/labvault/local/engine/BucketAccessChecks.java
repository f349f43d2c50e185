package org.labvault.local.engine;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.shaded.org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.gaul.shaded.org.eclipse.jetty.server.Handler;
import org.labvault.local.template.Model;

/**
 * What S3 refuses before it looks at an object, and s3proxy does not: headers a presigned URL's
 * signature leaves out, unsigned requests to a bucket whose public access is blocked, and ACLs on a
 * bucket whose ObjectOwnership is BucketOwnerEnforced. It runs in front of s3proxy's servlet.
 */
final class BucketAccessChecks implements Filter {

  /** Why S3 refuses a request, as its error document says it. */
  record Refusal(int status, String code, String message, String headersNotSigned) {}

  static final Refusal ACLS_NOT_SUPPORTED =
      new Refusal(400, "AccessControlListNotSupported", "The bucket does not allow ACLs", null);
  static final Refusal ACCESS_DENIED = new Refusal(403, "AccessDenied", "Access Denied", null);

  /** The one ACL a bucket with ACLs disabled accepts, as S3 does. */
  private static final String BUCKET_OWNER_FULL_CONTROL = "bucket-owner-full-control";
  private static final Set<String> PUBLIC_CANNED_ACLS = Set.of("public-read", "public-read-write", "authenticated-read");
  private static final Set<String> WRITES = Set.of("PUT", "POST");
  private static final long MAX_DRAINED_BYTES = 16L * 1024 * 1024;

  private final Map<String, Model.BucketAccess> byBucket;

  BucketAccessChecks(Map<String, Model.BucketAccess> byBucket) {
    this.byBucket = Map.copyOf(byBucket);
  }

  /** Puts the checks in front of the proxy's servlet; s3proxy offers no other place for them. */
  void installIn(S3Proxy proxy) throws ReflectiveOperationException {
    Field field = S3Proxy.class.getDeclaredField("server");
    field.setAccessible(true);
    Handler handler = (Handler) field.get(proxy);
    while (!(handler instanceof ServletContextHandler) && handler instanceof Handler.Wrapper wrapper) {
      handler = wrapper.getHandler();
    }
    if (!(handler instanceof ServletContextHandler context)) {
      throw new IllegalStateException("the S3 server has no servlet context to guard");
    }
    context.addFilter(this, "/*", EnumSet.of(DispatcherType.REQUEST));
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    Map<String, List<String>> headers = new HashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name.toLowerCase(Locale.ROOT), Collections.list(request.getHeaders(name)));
    }
    Refusal refusal = check(request.getMethod(), request.getRequestURI(), query(request.getQueryString()), headers);
    if (refusal == null) {
      chain.doFilter(SmallBodies.readFirst(request), res);
    } else {
      refuse(request, (HttpServletResponse) res, refusal);
    }
  }

  /**
   * The refusal S3 would answer, or null to let the request through.
   *
   * @param path the raw request path, {@code /bucket/key...}
   * @param query the query parameters, decoded
   * @param headers by lower-case name
   */
  Refusal check(String method, String path, Map<String, String> query, Map<String, List<String>> headers) {
    String signedHeaders = query.get("X-Amz-SignedHeaders");
    if (query.containsKey("X-Amz-Algorithm") && signedHeaders != null) {
      List<String> signed = List.of(signedHeaders.toLowerCase(Locale.ROOT).split(";"));
      List<String> unsigned = headers.keySet().stream()
          .filter(name -> name.startsWith("x-amz-") && !signed.contains(name)).sorted().toList();
      if (!unsigned.isEmpty()) {
        return new Refusal(403, "AccessDenied", "There were headers present in the request which were not signed",
            String.join(", ", unsigned));
      }
    }
    Model.BucketAccess access = byBucket.get(bucketOf(path));
    if (access == null) {
      return null;
    }
    boolean anonymous = !headers.containsKey("authorization")
        && !query.containsKey("X-Amz-Algorithm") && !query.containsKey("AWSAccessKeyId");
    if (anonymous && access.anonymousRefused() && !method.equals("OPTIONS")) {
      return ACCESS_DENIED;
    }
    if (!WRITES.contains(method)) {
      return null;
    }
    String cannedAcl = headers.getOrDefault("x-amz-acl", List.of()).stream().findFirst().orElse(null);
    List<String> grants = headers.entrySet().stream()
        .filter(e -> e.getKey().startsWith("x-amz-grant-")).flatMap(e -> e.getValue().stream()).toList();
    boolean setsAcl = (cannedAcl != null && !cannedAcl.equals(BUCKET_OWNER_FULL_CONTROL)) || !grants.isEmpty()
        || (query.containsKey("acl") && cannedAcl == null); // PutObjectAcl or PutBucketAcl with an ACL in the body
    if (setsAcl && access.aclsDisabled()) {
      return ACLS_NOT_SUPPORTED;
    }
    boolean publicAcl = (cannedAcl != null && PUBLIC_CANNED_ACLS.contains(cannedAcl))
        || grants.stream().anyMatch(g -> g.contains("/groups/global/AllUsers") || g.contains("/groups/global/AuthenticatedUsers"));
    if (publicAcl && access.blockPublicAcls()) {
      return ACCESS_DENIED;
    }
    return null;
  }

  private static String bucketOf(String path) {
    String rest = path.startsWith("/") ? path.substring(1) : path;
    int slash = rest.indexOf('/');
    return URLDecoder.decode(slash < 0 ? rest : rest.substring(0, slash), StandardCharsets.UTF_8);
  }

  /** Parsed from the raw query, never through the servlet's parameters, which may read a form body. */
  static Map<String, String> query(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.putIfAbsent(name, value);
    }
    return params;
  }

  private static void refuse(HttpServletRequest request, HttpServletResponse response, Refusal refusal) throws IOException {
    // Read what the client sends first: one that waits for "100 Continue" (as the SDKs do) reads no
    // answer before it has sent its body. A large body is cut off with the connection instead.
    long drained = 0;
    byte[] buffer = new byte[8192];
    for (int n; drained < MAX_DRAINED_BYTES && (n = request.getInputStream().read(buffer)) > 0; ) {
      drained += n;
    }
    response.setStatus(refusal.status());
    if (drained >= MAX_DRAINED_BYTES) {
      response.setHeader("Connection", "close");
    }
    if (request.getMethod().equals("HEAD")) {
      return;
    }
    String requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
    String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + refusal.code() + "</Code><Message>"
        + escaped(refusal.message()) + "</Message>"
        + (refusal.headersNotSigned() == null ? "" : "<HeadersNotSigned>" + escaped(refusal.headersNotSigned()) + "</HeadersNotSigned>")
        + "<RequestId>" + requestId + "</RequestId></Error>";
    byte[] body = xml.getBytes(StandardCharsets.UTF_8);
    response.setContentType("application/xml");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private static String escaped(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
