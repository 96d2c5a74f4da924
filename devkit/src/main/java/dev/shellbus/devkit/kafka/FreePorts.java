package dev.shellbus.devkit.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Picks free TCP ports on the loopback address by letting the OS choose one and releasing it.
 *
 * <p>The broker cannot bind port 0 itself because the controller port must be written into the
 * quorum voters before startup, so a small race remains between release and bind; callers retry
 * startup with fresh ports when it is lost.
 */
final class FreePorts {

    private FreePorts() {}

    static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /** Returns a free port that differs from {@code other}. */
    static int pickOtherThan(int other) {
        int port = pick();
        while (port == other) {
            port = pick();
        }
        return port;
    }

    /** Tells whether a startup failure was caused by a port that was already taken. */
    static boolean isBindFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && message.contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }
}
