package org.labvault.local.gateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.labvault.local.template.EventSource;

/**
 * HTTP API route selection: the most specific route wins (more literal segments, then fewer
 * greedy ones, then an exact method over ANY); {@code $default} catches the rest.
 */
final class RouteTable {

  record Match(EventSource.HttpRoute route, Map<String, String> pathParameters) {}

  private record Compiled(EventSource.HttpRoute route, List<String> segments, int literals, boolean greedy) {}

  private final List<Compiled> routes = new ArrayList<>();
  private EventSource.HttpRoute fallback;

  RouteTable(Collection<EventSource.HttpRoute> declared) {
    for (EventSource.HttpRoute route : declared) {
      if (route.path().equals("$default")) {
        fallback = route;
        continue;
      }
      List<String> segments = segments(route.path());
      int literals = (int) segments.stream().filter(s -> !s.startsWith("{")).count();
      boolean greedy = !segments.isEmpty() && segments.getLast().endsWith("+}");
      routes.add(new Compiled(route, segments, literals, greedy));
    }
    routes.sort(Comparator.comparingInt((Compiled c) -> -c.literals())
        .thenComparing(Compiled::greedy)
        .thenComparing(c -> c.route().method().equals("ANY")));
  }

  Optional<Match> match(String method, String rawPath) {
    List<String> path = segments(rawPath);
    for (Compiled c : routes) {
      if (!c.route().method().equals(method) && !c.route().method().equals("ANY")) {
        continue;
      }
      Map<String, String> params = bind(c, path);
      if (params != null) {
        return Optional.of(new Match(c.route(), params));
      }
    }
    return Optional.ofNullable(fallback).map(r -> new Match(r, Map.of()));
  }

  private static Map<String, String> bind(Compiled c, List<String> path) {
    Map<String, String> params = new LinkedHashMap<>();
    List<String> pattern = c.segments();
    for (int i = 0; i < pattern.size(); i++) {
      String p = pattern.get(i);
      if (p.endsWith("+}")) {
        if (i >= path.size()) {
          return null;
        }
        params.put(p.substring(1, p.length() - 2), String.join("/", path.subList(i, path.size())));
        return params;
      }
      if (i >= path.size()) {
        return null;
      }
      String segment = decode(path.get(i));
      if (p.startsWith("{")) {
        if (segment.isEmpty()) {
          return null;
        }
        params.put(p.substring(1, p.length() - 1), segment);
      } else if (!p.equals(segment)) {
        return null;
      }
    }
    return pattern.size() == path.size() ? params : null;
  }

  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>(List.of(path.split("/", -1)));
    if (!out.isEmpty() && out.getFirst().isEmpty()) {
      out.removeFirst();
    }
    if (!out.isEmpty() && out.getLast().isEmpty()) {
      out.removeLast();
    }
    return out;
  }

  private static String decode(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return segment;
    }
  }
}
