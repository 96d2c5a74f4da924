package dev.shellbus.loadtest.plan;

import java.time.Duration;
import java.util.Objects;

/**
 * What to offer: the arrival model, how much, for how long, and which requests.
 *
 * <p>In the {@link Model#OPEN} model arrivals are scheduled at {@code rate} per second whatever happens to earlier
 * ones, and every latency is measured from the arrival's scheduled (intended) start, so a stall of the system or of
 * the generator itself shows up in the figures instead of hiding (coordinated omission). In the {@link Model#CLOSED}
 * model {@code concurrency} virtual users each start the next arrival when the previous one finished.
 *
 * @param model open (rate) or closed (concurrency)
 * @param rate arrivals per second (open model)
 * @param poisson whether open-model gaps are exponential (Poisson arrivals) instead of uniform
 * @param concurrency virtual users (closed model)
 * @param count arrivals to start; 0 means bounded by {@code duration} only
 * @param duration how long to start arrivals; zero means bounded by {@code count} only
 * @param warmup arrivals scheduled before this much time has passed run but are left out of the figures
 * @param mix the request types and their weights
 * @param requestTimeout each request's deadline from its creation; a request without a result by then plus a grace
 *     is counted as {@code NO_RESULT}
 * @param seed seed of the mix draw and Poisson gaps
 */
public record LoadPlan(Model model, double rate, boolean poisson, int concurrency, long count, Duration duration,
    Duration warmup, Mix mix, Duration requestTimeout, long seed) {

  /** The arrival model. */
  public enum Model {
    /** Arrivals at a fixed rate, independent of completions. */
    OPEN,
    /** A fixed number of users, each waiting for its previous arrival. */
    CLOSED
  }

  /** Validates the plan. */
  public LoadPlan {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(mix, "mix");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(warmup, "warmup");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (model == Model.OPEN && !(rate > 0)) {
      throw new IllegalArgumentException("--rate must be positive in the open model, got " + rate);
    }
    if (model == Model.CLOSED && concurrency < 1) {
      throw new IllegalArgumentException("--concurrency must be at least 1 in the closed model, got " + concurrency);
    }
    if (count <= 0 && (duration.isZero() || duration.isNegative())) {
      throw new IllegalArgumentException("give --count or --duration");
    }
  }

  /** An open-model plan of {@code count} arrivals at {@code rate} per second. */
  public static LoadPlan open(double rate, long count, Duration duration, Mix mix) {
    return new LoadPlan(Model.OPEN, rate, false, 0, count, duration, Duration.ZERO, mix, Duration.ofMinutes(5), 1);
  }

  /** A closed-model plan of {@code concurrency} users. */
  public static LoadPlan closed(int concurrency, long count, Duration duration, Mix mix) {
    return new LoadPlan(Model.CLOSED, 0, false, concurrency, count, duration, Duration.ZERO, mix,
        Duration.ofMinutes(5), 1);
  }

  /** The same plan with a warm-up period. */
  public LoadPlan withWarmup(Duration value) {
    return new LoadPlan(model, rate, poisson, concurrency, count, duration, value, mix, requestTimeout, seed);
  }

  /** The same plan with another request timeout. */
  public LoadPlan withRequestTimeout(Duration value) {
    return new LoadPlan(model, rate, poisson, concurrency, count, duration, warmup, mix, value, seed);
  }

  /** The same plan with Poisson (or uniform) gaps and a seed. */
  public LoadPlan withArrivals(boolean poissonGaps, long seedValue) {
    return new LoadPlan(model, rate, poissonGaps, concurrency, count, duration, warmup, mix, requestTimeout, seedValue);
  }

  /** A one-line description for reports. */
  public String describe() {
    String load = model == Model.OPEN ? String.format("open %.1f/s%s", rate, poisson ? " poisson" : "")
        : "closed " + concurrency + " users";
    String bound = (count > 0 ? count + " arrivals" : "") + (count > 0 && !duration.isZero() ? ", " : "")
        + (duration.isZero() ? "" : duration.toSeconds() + " s");
    return load + ", " + bound + ", mix " + mix;
  }
}
