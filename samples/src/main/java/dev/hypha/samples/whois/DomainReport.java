package dev.hypha.samples.whois;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.ForEach;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Cameron's whois flow: {@code plan} looks at a domain and decides at run time which follow-up
 * lookups it needs; each kind of lookup is a task that fans out over the lookups of its kind, all
 * of them in parallel; {@code report} collects what they found. A lookup that fails is recorded as
 * failed while the others complete and are recorded, and the report is then skipped.
 */
@Flow
public class DomainReport {
  /** A follow-up lookup; its type says which task runs it. */
  public sealed interface Lookup permits Dns, Whois, Geo {}

  /** Resolve a host name. */
  public record Dns(String host) implements Lookup {}

  /** Ask the registry who holds a domain. */
  public record Whois(String domain) implements Lookup {}

  /** Place an address on the map. */
  public record Geo(String host) implements Lookup {}

  /** What the report says of the domain. */
  public record Report(
      String domain, List<String> addresses, List<String> owners, List<String> places) {}

  @Task
  public List<Lookup> plan(@Input String domain) {
    List<Lookup> lookups = new ArrayList<>();
    lookups.add(new Dns(domain));
    lookups.add(new Dns("www." + domain));
    lookups.add(new Whois(domain));
    if (!domain.endsWith(".test")) {
      lookups.add(new Geo("www." + domain));
    }
    return lookups;
  }

  @Task
  @DependsOn("plan")
  public String dns(@ForEach Dns lookup) {
    return lookup.host() + " has address 192.0.2." + (lookup.host().length() % 250);
  }

  @Task
  @DependsOn("plan")
  public String whois(@ForEach(concurrency = 1) Whois lookup) {
    if (lookup.domain().startsWith("private.")) {
      throw new IllegalStateException("the registry withholds the holder of " + lookup.domain());
    }
    return lookup.domain() + " is held by Example Holdings";
  }

  @Task
  @DependsOn("plan")
  public String geo(@ForEach Geo lookup) {
    return lookup.host() + " is served from Amsterdam";
  }

  @Task
  @DependsOn({"dns", "whois", "geo"})
  public Report report(
      @Input String domain, List<String> dns, List<String> whois, List<String> geo) {
    return new Report(domain, dns, whois, geo);
  }
}
