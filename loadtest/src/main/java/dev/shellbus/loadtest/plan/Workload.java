package dev.shellbus.loadtest.plan;

import java.util.Locale;

/**
 * One entry of a request mix: what a single arrival does, and how often it is picked.
 *
 * <p>A {@link Kind#JOB} arrival is one {@code RunJob} with one short step. A {@link Kind#SESSION} arrival opens a
 * session, runs {@code execs} {@code Exec} requests one after the other (each sent when the previous result came
 * back, as an agent loop would), then closes the session. An {@link Kind#ARTIFACT} arrival is a {@code RunJob} whose
 * step writes a file of {@code artifactBytes} that the worker copies to object storage.
 *
 * @param name the name the statistics use, as written in the mix ({@code job}, {@code session/5}, {@code artifact/1MiB})
 * @param kind what the arrival does
 * @param execs the execs of a session (0 for other kinds)
 * @param artifactBytes the artifact size of an artifact job (0 for other kinds)
 * @param weight the relative frequency in the mix, at least 1
 */
public record Workload(String name, Kind kind, int execs, long artifactBytes, int weight) {

  /** What an arrival does. */
  public enum Kind {
    /** A short RunJob: create, wait ready, one exec, delete. */
    JOB,
    /** OpenSession, N Execs in order, CloseSession. */
    SESSION,
    /** A RunJob that stores one artifact of a given size. */
    ARTIFACT
  }

  /** Validates the entry. */
  public Workload {
    if (weight < 1) {
      throw new IllegalArgumentException("mix weight of " + name + " must be at least 1, got " + weight);
    }
    if (execs < 0 || artifactBytes < 0) {
      throw new IllegalArgumentException("mix entry " + name + " has a negative parameter");
    }
  }

  /**
   * Parses one mix entry, {@code NAME[/PARAM]=WEIGHT}: {@code job=70}, {@code session/5=20} (5 execs; default 3),
   * {@code artifact/10MiB=10} (size with an optional B, KiB, MiB or GiB suffix; default 1 MiB).
   */
  public static Workload parse(String entry) {
    String text = entry.trim();
    int eq = text.lastIndexOf('=');
    String spec = eq < 0 ? text : text.substring(0, eq).trim();
    int weight = eq < 0 ? 1 : Integer.parseInt(text.substring(eq + 1).trim());
    int slash = spec.indexOf('/');
    String base = (slash < 0 ? spec : spec.substring(0, slash)).toLowerCase(Locale.ROOT);
    String param = slash < 0 ? null : spec.substring(slash + 1);
    switch (base) {
      case "job":
        return new Workload("job", Kind.JOB, 0, 0, weight);
      case "session":
        int execs = param == null ? 3 : Integer.parseInt(param);
        return new Workload("session/" + execs, Kind.SESSION, execs, 0, weight);
      case "artifact":
        long bytes = param == null ? 1L << 20 : Sizes.parse(param);
        return new Workload("artifact/" + Sizes.format(bytes), Kind.ARTIFACT, 0, bytes, weight);
      default:
        throw new IllegalArgumentException("unknown mix entry '" + entry + "': expected job, session[/N] or artifact[/SIZE]");
    }
  }
}
