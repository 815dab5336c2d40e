package dev.hypha.runtime;

import java.util.List;
import java.util.Optional;

/**
 * One page of a history query.
 *
 * @param items the page's rows, newest first
 * @param nextPageToken pass to {@link RunQuery.Builder#after(String)} for the next page; empty on
 *     the last page
 */
public record Page<T>(List<T> items, Optional<String> nextPageToken) {
  public Page {
    items = List.copyOf(items);
  }
}
