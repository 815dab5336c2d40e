package dev.hypha.cli.internal;

import dev.hypha.cli.ExitCode;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The application's jars and class folders given with {@code --classpath}: a class loader over
 * them, whose parent is the command's own loader, becomes the thread's context class loader, where
 * the runtime looks for the flows' generated descriptors. Stateless.
 */
public final class AppClassPath {
  private AppClassPath() {}

  /**
   * Makes {@code classpath} (entries separated by {@link File#pathSeparator}; {@code dir/*} for
   * every jar in a folder, as {@code java -cp} takes it) the context class loader of this thread.
   * Nothing changes for a null or blank {@code classpath}.
   *
   * @throws CliException (usage) for an entry that does not exist
   */
  public static void install(String classpath) {
    if (classpath == null || classpath.isBlank()) {
      return;
    }
    List<URL> urls = new ArrayList<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      if (entry.equals("*") || entry.endsWith(File.separator + "*") || entry.endsWith("/*")) {
        urls.addAll(jarsIn(Path.of(entry.substring(0, entry.length() - 1) + ".")));
      } else {
        Path path = Path.of(entry);
        if (!Files.exists(path)) {
          throw new CliException(
              ExitCode.USAGE,
              "--classpath entry "
                  + entry
                  + " does not exist; give the application's jars and class folders, separated by"
                  + " '"
                  + File.pathSeparator
                  + "'");
        }
        urls.add(url(path));
      }
    }
    ClassLoader parent = AppClassPath.class.getClassLoader();
    URLClassLoader loader = new URLClassLoader("hypha-app", urls.toArray(URL[]::new), parent);
    Thread.currentThread().setContextClassLoader(loader);
  }

  private static List<URL> jarsIn(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new CliException(
          ExitCode.USAGE,
          "--classpath entry " + folder.resolve("*") + " names no folder; check the path");
    }
    List<URL> jars = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.{jar,JAR}")) {
      for (Path jar : files) {
        jars.add(url(jar));
      }
    } catch (IOException e) {
      throw new CliException(
          ExitCode.USAGE, "cannot list the jars in " + folder + ": " + e.getMessage(), e);
    }
    jars.sort(java.util.Comparator.comparing(URL::toString));
    return jars;
  }

  private static URL url(Path path) {
    try {
      return path.toAbsolutePath().normalize().toUri().toURL();
    } catch (MalformedURLException e) {
      throw new CliException(
          ExitCode.USAGE, "--classpath entry " + path + " is not a usable path: " + e.getMessage());
    }
  }
}
