package org.labvault.shared.paging;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: {@code {"items": [...], "nextToken": "..."}}, the token absent on the last
 * page.
 */
public record Page<T>(List<T> items, @JsonInclude(JsonInclude.Include.NON_NULL) String nextToken) {

  public Page {
    items = List.copyOf(items);
  }

  public <R> Page<R> map(Function<? super T, ? extends R> f) {
    return new Page<>(items.stream().<R>map(f).toList(), nextToken);
  }
}
