package dev.hypha.runtime;

/** The database was written by a newer Hypha whose schema this version does not know. */
public final class SchemaTooNewException extends StoreException {
  private static final long serialVersionUID = 1L;
  private final int found;
  private final int supported;

  public SchemaTooNewException(String location, int found, int supported) {
    super(
        location,
        "database "
            + location
            + " has schema version "
            + found
            + " but this Hypha knows versions up to "
            + supported
            + "; upgrade Hypha to the version that wrote it, or point it at another file",
        null);
    this.found = found;
    this.supported = supported;
  }

  public int found() {
    return found;
  }

  public int supported() {
    return supported;
  }
}
