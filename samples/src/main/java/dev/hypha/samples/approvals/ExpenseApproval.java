package dev.hypha.samples.approvals;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Signal;
import dev.hypha.annotations.Task;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * An approval that waits for people: an expense is submitted; a manager's decision arrives as the
 * signal {@code decision} (sent with {@code ExpenseApprovalFlow.signalDecision(runId, decision)},
 * or by name with JSON); the approver is reminded once if nobody decided within a day, and the
 * expense is escalated if nobody decided within three. Only a manager's decision counts (the
 * condition {@link #byManager}); anybody else's is kept in the run but taken by no task.
 */
@Flow
public class ExpenseApproval {
  /** What an employee asks to be paid back. */
  public record Expense(String id, String employee, BigDecimal amount) {}

  /** What an approver decided. */
  public record Decision(String approver, boolean approved, String note) {}

  /** Where reminders and payments go. */
  public interface Office {
    void remind(Expense expense);

    void pay(Expense expense);
  }

  private final Office office;

  public ExpenseApproval(Office office) {
    this.office = office;
  }

  /** Only a manager decides expenses. */
  public static boolean byManager(Decision decision) {
    return decision.approver() != null && decision.approver().startsWith("manager:");
  }

  @Task
  public Expense submit(@Input Expense expense) {
    if (expense.amount().signum() <= 0) {
      throw new IllegalArgumentException("expense " + expense.id() + " has no amount to pay");
    }
    return expense;
  }

  /** The reminder timer: a day after the submission, unless a manager decided before. */
  @Task
  @DependsOn("submit")
  public boolean remind(
      Expense submit,
      @Signal(value = "decision", when = "byManager", timeout = "P1D") Optional<Decision> early) {
    if (early.isPresent()) {
      return false;
    }
    office.remind(submit);
    return true;
  }

  /** Waits up to three days for a manager's decision; without one, the expense is escalated. */
  @Task
  @DependsOn("submit")
  public String decide(
      Expense submit,
      @Signal(value = "decision", when = "byManager", timeout = "P3D")
          Optional<Decision> decision) {
    if (decision.isEmpty()) {
      return "escalated: no decision on " + submit.id() + " within 3 days";
    }
    Decision made = decision.get();
    if (!made.approved()) {
      return "rejected by " + made.approver() + ": " + made.note();
    }
    office.pay(submit);
    return "paid "
        + submit.amount()
        + " to "
        + submit.employee()
        + ", approved by "
        + made.approver();
  }

  @Task
  @DependsOn({"decide", "remind"})
  public String close(String decide, boolean remind) {
    return decide + (remind ? " (after a reminder)" : "");
  }
}
