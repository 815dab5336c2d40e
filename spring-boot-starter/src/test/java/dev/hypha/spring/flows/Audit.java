package dev.hypha.spring.flows;

import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A flow with a public no-argument constructor and a field Spring injects: a task run on an
 * instance Spring did not make would fail on the missing {@link Ledger}.
 */
@Flow
public class Audit {
  @Autowired Ledger ledger;

  @Task(queue = "audits")
  public String audit(@Input String entry) {
    return ledger.record(entry);
  }
}
