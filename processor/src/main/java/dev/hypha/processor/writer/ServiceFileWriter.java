package dev.hypha.processor.writer;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes {@code META-INF/services/dev.hypha.runtime.spi.FlowDefinition}, the list through which
 * {@code ServiceLoader} finds every generated {@code Definition}. Entries collect over all rounds
 * and are written once, at the end, merged with the entries a previous (incremental) compilation
 * left in the output that still stand: an entry whose flow was deleted, renamed or is no longer a
 * {@code @Flow} is dropped (see {@link EarlierEntries}), even by a compilation without flows.
 *
 * <p>Not thread-safe.
 */
public final class ServiceFileWriter {
  /** Where the service file lives in the class output. */
  public static final String PATH = "META-INF/services/dev.hypha.runtime.spi.FlowDefinition";

  private final EarlierEntries earlier;
  private final Set<String> entries = new TreeSet<>();
  private final List<Element> originatingElements = new ArrayList<>();

  /** A writer that judges earlier entries with the compilation's {@code elements}. */
  public ServiceFileWriter(Elements elements) {
    this.earlier = new EarlierEntries(elements);
  }

  /** Lists {@code definition}, a binary class name, generated from {@code flowClass}. */
  public void add(String definition, Element flowClass) {
    entries.add(definition);
    originatingElements.add(flowClass);
  }

  /** The flow classes whose definitions are listed, in the order they were added. */
  public List<Element> originatingElements() {
    return List.copyOf(originatingElements);
  }

  /**
   * Writes the file merged with the one already in the output, if any flow was generated or an
   * entry of the existing file no longer stands.
   */
  public void write(Filer filer) throws IOException {
    Set<String> existing = existing(filer);
    Set<String> all = new TreeSet<>(existing);
    all.removeIf(entry -> !entries.contains(entry) && !earlier.stands(entry));
    if (entries.isEmpty() && all.equals(existing)) {
      return;
    }
    all.addAll(entries);
    FileObject file =
        filer.createResource(
            StandardLocation.CLASS_OUTPUT, "", PATH, originatingElements.toArray(Element[]::new));
    try (Writer writer = file.openWriter()) {
      writer.write(format(all));
    }
  }

  /** The class names listed in a service file's {@code text}, comments and blanks dropped. */
  public static Set<String> parse(CharSequence text) {
    Set<String> names = new TreeSet<>();
    for (String line : text.toString().split("\\R")) {
      int comment = line.indexOf('#');
      String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return names;
  }

  /** One name a line, sorted. */
  public static String format(Set<String> names) {
    StringBuilder text = new StringBuilder();
    new TreeSet<>(names).forEach(name -> text.append(name).append('\n'));
    return text.toString();
  }

  private static Set<String> existing(Filer filer) {
    try {
      FileObject file = filer.getResource(StandardLocation.CLASS_OUTPUT, "", PATH);
      try (Reader reader = file.openReader(true)) {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[4096];
        for (int read = reader.read(buffer); read >= 0; read = reader.read(buffer)) {
          text.append(buffer, 0, read);
        }
        return parse(text);
      }
    } catch (IOException | IllegalArgumentException | UnsupportedOperationException e) {
      return Set.of(); // No file yet: a clean build.
    }
  }
}
