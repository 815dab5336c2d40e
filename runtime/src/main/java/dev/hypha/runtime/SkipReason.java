package dev.hypha.runtime;

/** Why a task was {@link TaskState#SKIPPED SKIPPED}. */
public enum SkipReason {
  /**
   * A task it needs failed, was cancelled, or was skipped for this reason: its inputs can never
   * arrive.
   */
  UPSTREAM_FAILED,

  /**
   * A branch not taken: a task it needs returned an output that leads elsewhere (an empty {@code
   * Optional}, another subtype of a sealed type), or was not taken itself. Its run may still
   * succeed.
   */
  NOT_TAKEN
}
