package org.labvault.local.sns;

/** SNS's XML answers: {@code <ActionResponse><ActionResult>...}, and its error document. */
final class SnsXml {
  static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";

  private SnsXml() {}

  /** @param result the inner XML of {@code <ActionResult>}, or null for actions that answer none */
  static String response(String action, String result, String requestId) {
    StringBuilder out = new StringBuilder("<").append(action).append("Response xmlns=\"").append(NAMESPACE).append("\">");
    if (result != null) {
      out.append('<').append(action).append("Result>").append(result).append("</").append(action).append("Result>");
    }
    out.append("<ResponseMetadata><RequestId>").append(requestId).append("</RequestId></ResponseMetadata>");
    return out.append("</").append(action).append("Response>").toString();
  }

  static String error(SnsError error, String requestId) {
    return "<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error><Type>" + (error.senderFault() ? "Sender" : "Receiver")
        + "</Type><Code>" + escape(error.type()) + "</Code><Message>" + escape(error.getMessage())
        + "</Message></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>";
  }

  static String element(String name, String value) {
    return "<" + name + ">" + escape(value) + "</" + name + ">";
  }

  /** A string map as SNS writes attributes: {@code <entry><key/><value/></entry>...}. */
  static String entries(java.util.Map<String, String> map) {
    StringBuilder out = new StringBuilder();
    map.forEach((k, v) -> out.append("<entry>").append(element("key", k)).append(element("value", v)).append("</entry>"));
    return out.toString();
  }

  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        case '\r' -> out.append("&#13;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
