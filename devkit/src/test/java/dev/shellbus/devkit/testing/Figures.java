package dev.shellbus.devkit.testing;

/**
 * Prints measured durations in one greppable format ({@code [shellbus figures]}), so that start and
 * restart times can be collected from a test run; they are reported, never asserted.
 */
public final class Figures {

    private Figures() {}

    /** Prints how long it has been since {@code beginNanos} (a {@link System#nanoTime()} value). */
    public static void print(String what, long beginNanos) {
        long millis = (System.nanoTime() - beginNanos) / 1_000_000;
        System.out.printf("[shellbus figures] %s: %d ms%n", what, millis);
    }
}
