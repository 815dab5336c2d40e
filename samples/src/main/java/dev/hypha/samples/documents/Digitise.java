package dev.hypha.samples.documents;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.ForEach;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Retry;
import dev.hypha.annotations.Task;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A document flow: {@code split} cuts a scanned document into pages; each page is read the way its
 * kind needs (a typed page is parsed, a scanned image goes through OCR, two at a time, retried when
 * the OCR service stumbles), and {@code assemble} puts the texts back in page order.
 */
@Flow
public class Digitise {
  /** One page of a document; its type says how it is read. */
  public sealed interface Page permits Typed, Scanned {
    int number();
  }

  /** A page with text in it already. */
  public record Typed(int number, String text) implements Page {}

  /** An image of a page. */
  public record Scanned(int number, int dots) implements Page {}

  /** The text of one page. */
  public record Text(int page, String text) {}

  /** A document as it arrives: its name and, per page, its text or null for a scanned page. */
  public record Document(String name, List<String> pages) {}

  private final OcrService ocr;

  public Digitise(OcrService ocr) {
    this.ocr = ocr;
  }

  /** What reads scanned pages; it may fail now and then. */
  public interface OcrService {
    String read(Scanned page);
  }

  @Task
  public List<Page> split(@Input Document document) {
    return IntStream.range(0, document.pages().size())
        .mapToObj(
            i -> {
              String text = document.pages().get(i);
              return text == null ? (Page) new Scanned(i + 1, 300) : new Typed(i + 1, text);
            })
        .toList();
  }

  @Task
  @DependsOn("split")
  public Text parse(@ForEach Typed page) {
    return new Text(page.number(), page.text().strip());
  }

  @Task
  @DependsOn("split")
  @Retry(maxAttempts = 3, backoff = "PT0.01S")
  public Text recognise(@ForEach(concurrency = 2) Scanned page) {
    return new Text(page.number(), ocr.read(page));
  }

  @Task
  @DependsOn({"parse", "recognise"})
  public String assemble(List<Text> parse, List<Text> recognise) {
    List<Text> pages = new ArrayList<>(parse);
    pages.addAll(recognise);
    pages.sort(Comparator.comparingInt(Text::page));
    StringBuilder text = new StringBuilder();
    for (Text page : pages) {
      text.append(page.page()).append(": ").append(page.text()).append('\n');
    }
    return text.toString();
  }
}
