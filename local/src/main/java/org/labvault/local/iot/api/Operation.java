package org.labvault.local.iot.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The IoT operations the local endpoint serves, each with its method and path as the IoT API
 * reference gives them, and its plane: the control plane ({@code iot}) and the data plane
 * ({@code iotdata}) sign for different services. {@code {}} takes one segment, {@code {+}} the
 * rest of the path (a topic sent with its slashes unencoded).
 */
public enum Operation {
  CREATE_THING(Plane.CONTROL, "POST", "things/{}"),
  DELETE_THING(Plane.CONTROL, "DELETE", "things/{}"),
  ATTACH_THING_PRINCIPAL(Plane.CONTROL, "PUT", "things/{}/principals"),
  DETACH_THING_PRINCIPAL(Plane.CONTROL, "DELETE", "things/{}/principals"),
  CREATE_CERTIFICATE_FROM_CSR(Plane.CONTROL, "POST", "certificates"),
  UPDATE_CERTIFICATE(Plane.CONTROL, "PUT", "certificates/{}"),
  DELETE_CERTIFICATE(Plane.CONTROL, "DELETE", "certificates/{}"),
  ATTACH_POLICY(Plane.CONTROL, "PUT", "target-policies/{}"),
  DETACH_POLICY(Plane.CONTROL, "POST", "target-policies/{}"),
  DESCRIBE_ENDPOINT(Plane.CONTROL, "GET", "endpoint"),
  PUBLISH(Plane.DATA, "POST", "topics/{+}");

  /** Which API an operation belongs to, and the service name its requests are signed for. */
  public enum Plane {
    CONTROL("iot"),
    DATA("iotdata");

    private final String signingName;

    Plane(String signingName) {
      this.signingName = signingName;
    }

    public String signingName() {
      return signingName;
    }
  }

  /** An operation and the values its path's placeholders took. */
  public record Routed(Operation operation, List<String> parameters) {
    public Routed {
      parameters = List.copyOf(parameters);
    }

    public String parameter(int index) {
      return parameters.get(index);
    }
  }

  private final Plane plane;
  private final String method;
  private final List<String> template;

  Operation(Plane plane, String method, String path) {
    this.plane = plane;
    this.method = method;
    this.template = List.of(path.split("/"));
  }

  public Plane plane() {
    return plane;
  }

  /** The operation the request names, if any. */
  public static Optional<Routed> route(IotRequest request) {
    for (Operation operation : values()) {
      if (operation.method.equals(request.method())) {
        Optional<List<String>> parameters = operation.match(request.segments());
        if (parameters.isPresent()) {
          return Optional.of(new Routed(operation, parameters.get()));
        }
      }
    }
    return Optional.empty();
  }

  /** The plane a path belongs to whatever its method (to check the signature before routing). */
  public static Plane planeOf(IotRequest request) {
    return !request.segments().isEmpty() && request.segments().getFirst().equals("topics") ? Plane.DATA : Plane.CONTROL;
  }

  private Optional<List<String>> match(List<String> segments) {
    List<String> parameters = new ArrayList<>();
    for (int i = 0; i < template.size(); i++) {
      String expected = template.get(i);
      if (expected.equals("{+}")) {
        if (i >= segments.size()) {
          return Optional.empty();
        }
        parameters.add(String.join("/", segments.subList(i, segments.size())));
        return Optional.of(parameters);
      }
      if (i >= segments.size()) {
        return Optional.empty();
      }
      if (expected.equals("{}")) {
        parameters.add(segments.get(i));
      } else if (!expected.equals(segments.get(i))) {
        return Optional.empty();
      }
    }
    return segments.size() == template.size() ? Optional.of(parameters) : Optional.empty();
  }
}
