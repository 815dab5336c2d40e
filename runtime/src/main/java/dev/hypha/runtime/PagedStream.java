package dev.hypha.runtime;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The rows of a history query as a stream that reads the next page only when the previous one is
 * used up. Nothing is read before the stream is; no connection is held between pages.
 */
final class PagedStream {
  /** The page size of {@link FlowHistory#failedSince}. */
  static final int FAILED_SINCE_PAGE = 100;

  private PagedStream() {}

  static Stream<RunSummary> of(RunQuery query, Function<RunQuery, Page<RunSummary>> find) {
    Iterator<RunSummary> rows =
        new Iterator<>() {
          /** The query of the next page; null once the last page was read. */
          private RunQuery next = query;

          private Iterator<RunSummary> page = Collections.emptyIterator();

          @Override
          public boolean hasNext() {
            while (!page.hasNext() && next != null) {
              Page<RunSummary> read = find.apply(next);
              page = read.items().iterator();
              next = read.nextPageToken().map(token -> after(query, token)).orElse(null);
            }
            return page.hasNext();
          }

          @Override
          public RunSummary next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return page.next();
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  private static RunQuery after(RunQuery query, String token) {
    return new RunQuery(
        query.flow(),
        query.states(),
        query.startedFrom(),
        query.startedBefore(),
        query.limit(),
        Optional.of(token));
  }
}
