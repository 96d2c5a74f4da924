package dev.shellbus.devkit.gateway.store;

import dev.shellbus.devkit.gateway.validate.K8sNames;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Generates sandbox names the way the real gateway does: a two-word petname ({@code word-word}) cut to 19 characters
 * with a trailing {@code -} trimmed, or six random lowercase letters when that does not give a valid name.
 *
 * <p>There is no retry on collision: a generated name that already exists answers ALREADY_EXISTS, as upstream.
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

  private static final int FALLBACK_LETTERS = 6;

  private final RandomGenerator random;

  /** Creates a generator that draws from {@code random}. */
  public NameGenerator(RandomGenerator random) {
    this.random = random;
  }

  /** Returns a fresh name; it may collide with an existing one. */
  public String next() {
    String petname = ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "-"
        + NOUNS.get(random.nextInt(NOUNS.size()));
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
