package dev.hypha.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A durable wait before a {@link Task}: it starts no earlier than this long after the tasks it
 * depends on have ended (after the run started, for a task without dependencies), as an ISO-8601
 * duration such as {@code "PT10M"} or {@code "P2D"}. The due time is recorded with the task, so the
 * wait survives restarts; no thread waits meanwhile, and cancelling the run ends it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Delay {

  /** How long to wait, as an ISO-8601 duration. */
  String value();
}
