package dev.hypha.samples.bureaucrat;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;
import java.util.Set;

/**
 * Bureaucrat's example process: a file passes from participant to participant, and each one must
 * add a stamp to it. A participant who does not breaks the process's rule: a fault aborts the
 * process, and the participants after it never see the file. In Hypha the rule is a check in Java
 * after each participant's work; the fault is an exception that fails the task, so the run fails
 * and the tasks after it are SKIPPED.
 */
@Flow
public class Paperwork {
  /** The file the participants pass on. */
  public record File(String id, int stamps) {}

  /** The fault: a participant left the file as it got it. */
  public static final class NoStampException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoStampException(String participant, File file) {
      super(
          participant
              + " did not stamp file "
              + file.id()
              + " (it still has "
              + file.stamps()
              + ")");
    }
  }

  private final Set<String> forgetful;

  /** A process whose {@code forgetful} participants pass the file on without stamping it. */
  public Paperwork(Set<String> forgetful) {
    this.forgetful = Set.copyOf(forgetful);
  }

  public Paperwork() {
    this(Set.of());
  }

  @Task
  public File clerk(@Input File file) {
    return participate("clerk", file);
  }

  @Task
  @DependsOn("clerk")
  public File manager(File clerk) {
    return participate("manager", clerk);
  }

  @Task
  @DependsOn("manager")
  public File director(File manager) {
    return participate("director", manager);
  }

  /** One participant's work, then the rule: the stamps must have gone up. */
  private File participate(String participant, File received) {
    File passedOn =
        forgetful.contains(participant) ? received : new File(received.id(), received.stamps() + 1);
    if (passedOn.stamps() <= received.stamps()) {
      throw new NoStampException(participant, received);
    }
    return passedOn;
  }
}
