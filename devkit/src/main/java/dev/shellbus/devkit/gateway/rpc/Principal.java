package dev.shellbus.devkit.gateway.rpc;

import java.util.List;

/**
 * Who is calling: the result of authentication, which GetCurrentUser reports and write RPCs check.
 *
 * @param subject the stable identity: {@code local-dev}, {@code bearer}, or the client certificate CN
 * @param roles the roles: the client certificate OU values, or {@code read-only} for the read-only token
 * @param identityProvider how the caller was recognised: {@code local}, {@code bearer} or {@code mtls}
 * @param readOnly whether write RPCs must answer PERMISSION_DENIED
 */
public record Principal(String subject, List<String> roles, String identityProvider, boolean readOnly) {

  /** The caller of an unauthenticated dev gateway, who may do anything. */
  public static final Principal LOCAL_DEV = new Principal("local-dev", List.of(), "local", false);
  /** The holder of the configured bearer token. */
  public static final Principal BEARER = new Principal("bearer", List.of(), "bearer", false);
  /** The holder of the configured read-only token. */
  public static final Principal READ_ONLY = new Principal("bearer-read-only", List.of("read-only"), "bearer", true);
  /** The caller of an RPC that skips authentication (Health). */
  public static final Principal ANONYMOUS = new Principal("anonymous", List.of(), "none", true);

  /** Copies the roles. */
  public Principal {
    roles = List.copyOf(roles);
  }

  /** Returns the principal of a verified client certificate. */
  public static Principal certificate(String commonName, List<String> organizationalUnits) {
    return new Principal(commonName, organizationalUnits, "mtls", false);
  }
}
