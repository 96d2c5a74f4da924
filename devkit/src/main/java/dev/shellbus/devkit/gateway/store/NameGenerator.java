package dev.shellbus.devkit.gateway.store;

import dev.shellbus.devkit.gateway.GatewayException;
import dev.shellbus.devkit.gateway.validate.K8sNames;
import io.vertx.grpc.common.GrpcStatus;
import java.util.List;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Generates sandbox names the way the real gateway does: a two-word petname ({@code word-word}) cut to 19 characters
 * with a trailing {@code -} trimmed, or six random lowercase letters when that does not give a valid name.
 *
 * <p>Unlike the real gateway, which answers ALREADY_EXISTS when the name it drew is taken, {@link #nextFree} draws
 * again until the name is free, so a create without a name never fails because of a name the gateway chose. The
 * petname space holds about 18,000 names; after eight taken petnames in a row it draws six letters (26^6 names)
 * instead, so a crowded petname space costs a few draws, never a failure.
 */
public final class NameGenerator {

  static final List<String> ADJECTIVES = List.of(
      "able", "amused", "apt", "awake", "bold", "brave", "bright", "brisk", "calm", "charmed", "cheery", "clean",
      "clear", "clever", "cool", "cosmic", "crisp", "curious", "daring", "dear", "deep", "eager", "easy", "epic",
      "exact", "fair", "famous", "fancy", "fast", "fine", "firm", "fit", "fluent", "fond", "free", "fresh", "friendly",
      "frank", "full", "funny", "gentle", "giving", "glad", "golden", "good", "grand", "great", "happy", "hardy",
      "helpful", "heroic", "honest", "humble", "ideal", "jolly", "just", "keen", "kind", "large", "lasting", "light",
      "liked", "lively", "loved", "loyal", "lucky", "mature", "merry", "mighty", "modest", "moving", "neat", "nice",
      "noble", "open", "patient", "perfect", "pleasant", "polite", "precise", "proud", "quick", "quiet", "rapid",
      "rare", "ready", "real", "regal", "relaxed", "rich", "robust", "safe", "sharp", "shining", "simple", "smart",
      "smooth", "solid", "sound", "special", "splendid", "stable", "steady", "still", "strong", "sunny", "super",
      "sure", "sweet", "swift", "tender", "tidy", "tough", "true", "trusty", "upbeat", "valid", "vast", "vital",
      "warm", "wanted", "wise", "witty", "worthy", "young", "zesty");

  static final List<String> NOUNS = List.of(
      "aardvark", "alpaca", "ant", "ape", "badger", "bat", "bear", "beaver", "bee", "bison", "boar", "bobcat", "bug",
      "bull", "camel", "cat", "cheetah", "chicken", "cobra", "colt", "condor", "cow", "coyote", "crab", "crane",
      "cricket", "crow", "deer", "dingo", "dodo", "dog", "dolphin", "donkey", "dove", "duck", "eagle", "eel", "elk",
      "emu", "falcon", "ferret", "finch", "fish", "flea", "fly", "fox", "frog", "gator", "gecko", "gibbon", "goat",
      "goose", "gopher", "grouse", "gull", "hare", "hawk", "hen", "heron", "hog", "horse", "hound", "ibex", "ibis",
      "impala", "jackal", "jaguar", "jay", "kid", "kite", "koala", "koi", "lamb", "lark", "lemur", "leopard", "lion",
      "llama", "lobster", "lynx", "macaw", "mako", "mammal", "mantis", "marlin", "mink", "mole", "moose", "moth",
      "mouse", "mule", "newt", "ocelot", "orca", "oriole", "osprey", "otter", "owl", "ox", "oyster", "panda",
      "panther", "parrot", "pelican", "penguin", "pig", "pony", "poodle", "puma", "quail", "rabbit", "ram", "raven",
      "robin", "salmon", "seal", "shark", "sheep", "shrew", "skunk", "sloth", "snail", "snake", "sparrow", "squid",
      "stork", "swan", "tapir", "tiger", "toad", "trout", "turkey", "turtle", "viper", "walrus", "wasp", "weasel",
      "whale", "wolf", "wombat", "wren", "yak", "zebra");

  /** How many petnames {@link #nextFree} draws before it turns to six letters. */
  static final int PETNAME_DRAWS = 8;
  /** How many draws {@link #nextFree} makes in all; only a broken random source or a full store reaches it. */
  static final int MAX_DRAWS = 1_000;
  private static final int FALLBACK_LETTERS = 6;

  private final RandomGenerator random;
  private final List<String> adjectives;
  private final List<String> nouns;

  /** Creates a generator that draws from {@code random}. */
  public NameGenerator(RandomGenerator random) {
    this(random, ADJECTIVES, NOUNS);
  }

  /** Creates a generator over other word lists; the seam for tests that need a small name space. */
  NameGenerator(RandomGenerator random, List<String> adjectives, List<String> nouns) {
    this.random = random;
    this.adjectives = List.copyOf(adjectives);
    this.nouns = List.copyOf(nouns);
  }

  /**
   * Returns a name for which {@code taken} is false: petnames first, then six letters.
   *
   * @throws GatewayException INTERNAL when 1,000 draws found no free name
   */
  public String nextFree(Predicate<String> taken) {
    for (int draw = 0; draw < MAX_DRAWS; draw++) {
      String name = draw < PETNAME_DRAWS ? next() : fallback();
      if (!taken.test(name)) {
        return name;
      }
    }
    throw new GatewayException(GrpcStatus.INTERNAL, "no free sandbox name after " + MAX_DRAWS + " draws");
  }

  /** Returns a fresh name; it may collide with an existing one. */
  String next() {
    String petname = adjectives.get(random.nextInt(adjectives.size())) + "-"
        + nouns.get(random.nextInt(nouns.size()));
    String name = trim(petname);
    return K8sNames.isSandboxName(name) ? name : fallback();
  }

  /** Cuts a candidate to 19 characters and trims trailing {@code -}. */
  static String trim(String candidate) {
    String cut = candidate.length() > K8sNames.MAX_SANDBOX_NAME
        ? candidate.substring(0, K8sNames.MAX_SANDBOX_NAME) : candidate;
    int end = cut.length();
    while (end > 0 && cut.charAt(end - 1) == '-') {
      end--;
    }
    return cut.substring(0, end);
  }

  /** Returns six random lowercase letters. */
  String fallback() {
    StringBuilder name = new StringBuilder(FALLBACK_LETTERS);
    for (int i = 0; i < FALLBACK_LETTERS; i++) {
      name.append((char) ('a' + random.nextInt(26)));
    }
    return name.toString();
  }
}
