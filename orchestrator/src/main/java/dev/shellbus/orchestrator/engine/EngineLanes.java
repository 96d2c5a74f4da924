package dev.shellbus.orchestrator.engine;

import dev.shellbus.orchestrator.gateway.GatewayClient;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The event loops the engine runs requests on.
 *
 * <p>{@link #caller()} runs each request on the Vert.x context that submits it: one event loop for everything the
 * caller submits. {@link #deploy} starts {@code count} lanes, each an event-loop context of its own, and {@link
 * #connect} gives each lane a gateway client of its own, opened on the lane's context, so that each lane's HTTP/2
 * connection to the gateway, and with it the exec streams it reads, is served by that lane's event loop (a Vert.x
 * client connection lives on the event loop of the context that opened it). A request's key, its session id or else
 * its request id, always picks the same lane, so the calls of one session stay on one event loop and in order.
 *
 * <p>Lanes live apart from whoever uses them: deploy them outside the verticle that drains through them, since
 * Vert.x undeploys a verticle's children before the verticle itself stops.
 */
public final class EngineLanes {

  /** One lane: its context and the gateway client its requests use. */
  record Lane(Context context, GatewayClient gateway) {}

  private final Vertx vertx;
  private final List<Context> contexts;
  private final String deploymentId;
  private volatile List<Lane> lanes = List.of();

  private EngineLanes(Vertx vertx, List<Context> contexts, String deploymentId) {
    this.vertx = vertx;
    this.contexts = List.copyOf(contexts);
    this.deploymentId = deploymentId;
  }

  /** Lanes that are the submitting caller's own context (no lanes of their own). */
  public static EngineLanes caller() {
    return new EngineLanes(null, List.of(), null);
  }

  /** Starts {@code count} lanes, each on an event loop of its own as far as Vert.x has them; connect them next. */
  public static Future<EngineLanes> deploy(Vertx vertx, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("lanes must be at least 1, got " + count);
    }
    List<Context> started = Collections.synchronizedList(new ArrayList<>());
    return vertx.deployVerticle(() -> new LaneVerticle(started), new DeploymentOptions().setInstances(count))
        .map(id -> new EngineLanes(vertx, started, id));
  }

  /** Gives every lane a gateway client from {@code gateways}, called on the lane's own context. */
  public Future<Void> connect(Supplier<Future<GatewayClient>> gateways) {
    List<Future<Lane>> connecting = new ArrayList<>();
    for (Context context : contexts) {
      Promise<Lane> lane = Promise.promise();
      context.runOnContext(v -> gateways.get().map(client -> new Lane(context, client)).onComplete(lane));
      connecting.add(lane.future());
    }
    return Future.all(connecting).map(all -> {
      lanes = List.copyOf(all.<Lane>list());
      return null;
    });
  }

  /** Closes the lanes' gateway clients; requests must no longer run on them. */
  public Future<Void> disconnect() {
    List<Lane> connected = lanes;
    lanes = List.of();
    return Future.join(connected.stream().map(lane -> lane.gateway().close()).toList()).mapEmpty();
  }

  /** Stops the lanes' contexts (after {@link #disconnect()}). */
  public Future<Void> close() {
    return deploymentId == null ? Future.succeededFuture() : vertx.undeploy(deploymentId);
  }

  /** Returns how many lanes there are; 0 for {@link #caller()}. */
  public int size() {
    return contexts.size();
  }

  /** Returns the connected lanes; none for {@link #caller()}. */
  List<Lane> all() {
    if (lanes.size() != contexts.size()) {
      throw new IllegalStateException("engine lanes are not connected to the gateway");
    }
    return lanes;
  }

  /** Returns the lane of {@code context}'s key among {@code all}, or empty to run on the caller's context. */
  static Optional<Lane> laneOf(List<Lane> all, RequestContext context) {
    if (all.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(all.get(Math.floorMod(context.orderKey().hashCode(), all.size())));
  }

  /** Only holds a context. */
  private static final class LaneVerticle extends VerticleBase {
    private final List<Context> started;

    LaneVerticle(List<Context> started) {
      this.started = started;
    }

    @Override
    public Future<?> start() {
      started.add(context);
      return Future.succeededFuture();
    }
  }
}
