package dev.hypha.samples.callbacks;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.OnFailure;
import dev.hypha.annotations.OnSuccess;
import dev.hypha.annotations.Task;
import dev.hypha.runtime.TaskContext;
import dev.hypha.runtime.TaskError;
import dev.hypha.samples.Journal;

/**
 * Drafts an invoice and sends it, then archives the receipt when the run succeeds or raises an
 * alert when it fails. The request decides whether sending fails and whether a callback fails.
 */
@Flow
public class Invoice {
  private final Journal journal;

  public Invoice(Journal journal) {
    this.journal = journal;
  }

  public record InvoiceRequest(
      String number, boolean sendFails, boolean archiveFails, boolean alertFails) {}

  public record Draft(String number, int cents) {}

  public record Receipt(String number, String channel) {}

  @Task
  public Draft draft(@Input InvoiceRequest request) {
    return new Draft(request.number(), 4200);
  }

  @Task
  @DependsOn("draft")
  public Receipt send(Draft draft, @Input InvoiceRequest request) {
    if (request.sendFails()) {
      throw new IllegalStateException("mail server refused invoice " + draft.number());
    }
    return new Receipt(draft.number(), "mail");
  }

  @OnSuccess
  public void archive(Receipt receipt, @Input InvoiceRequest request, TaskContext context) {
    journal.add("archive " + receipt + " in " + context.task());
    if (request.archiveFails()) {
      throw new IllegalStateException("archive full");
    }
  }

  @OnFailure
  public void alert(TaskError error, @Input InvoiceRequest request) {
    journal.add("alert " + error.task() + ": " + error.describe());
    if (request.alertFails()) {
      throw new IllegalStateException("pager offline");
    }
  }
}
