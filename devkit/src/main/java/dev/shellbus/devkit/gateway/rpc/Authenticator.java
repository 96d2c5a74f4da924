package dev.shellbus.devkit.gateway.rpc;

import dev.shellbus.devkit.gateway.GatewayException;
import io.vertx.core.http.HttpConnection;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Recognises the caller of an RPC, in the order of the real gateway's chain (contract section 5).
 *
 * <ol>
 *   <li>With a token configured, an {@code authorization} header must start with exactly {@code "Bearer "} and carry
 *       the token (or the read-only token); anything else is UNAUTHENTICATED.</li>
 *   <li>Without a usable header, a verified client certificate (mTLS) makes the principal: subject = CN, roles =
 *       OU values.</li>
 *   <li>With nothing configured, every caller is the {@code local-dev} principal.</li>
 * </ol>
 */
public final class Authenticator {

  private static final String SCHEME = "Bearer ";

  private final byte[] token;
  private final byte[] readOnlyToken;
  private final boolean mtls;

  /**
   * Creates the authenticator.
   *
   * @param token the full-access bearer token, if any
   * @param readOnlyToken the read-only bearer token, if any
   * @param mtls whether client certificates are verified against a client CA
   */
  public Authenticator(Optional<String> token, Optional<String> readOnlyToken, boolean mtls) {
    this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
    this.readOnlyToken = readOnlyToken.map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
    this.mtls = mtls;
  }

  /**
   * Returns the caller of {@code call}.
   *
   * @throws GatewayException UNAUTHENTICATED when credentials are missing or wrong
   */
  public Principal authenticate(GrpcServerRequest<?, ?> call) {
    boolean tokens = token != null || readOnlyToken != null;
    String header = call.headers().get("authorization");
    if (tokens && header != null) {
      return bearer(header);
    }
    if (mtls) {
      Optional<Principal> fromCertificate = certificate(call.connection());
      if (fromCertificate.isPresent()) {
        return fromCertificate.get();
      }
    }
    if (tokens) {
      throw unauthenticated("missing authorization header");
    }
    if (mtls) {
      throw unauthenticated("missing client certificate");
    }
    return Principal.LOCAL_DEV;
  }

  private Principal bearer(String header) {
    if (!header.startsWith(SCHEME)) {
      throw unauthenticated("invalid authorization header: expected 'Bearer <token>'");
    }
    byte[] presented = header.substring(SCHEME.length()).getBytes(StandardCharsets.UTF_8);
    if (token != null && MessageDigest.isEqual(presented, token)) {
      return Principal.BEARER;
    }
    if (readOnlyToken != null && MessageDigest.isEqual(presented, readOnlyToken)) {
      return Principal.READ_ONLY;
    }
    throw unauthenticated("invalid bearer token");
  }

  private static Optional<Principal> certificate(HttpConnection connection) {
    if (connection == null || !connection.isSsl()) {
      return Optional.empty();
    }
    try {
      List<Certificate> chain = connection.peerCertificates();
      if (chain == null || chain.isEmpty() || !(chain.get(0) instanceof X509Certificate leaf)) {
        return Optional.empty();
      }
      return Optional.of(fromSubject(leaf.getSubjectX500Principal().getName()));
    } catch (SSLPeerUnverifiedException noCertificate) {
      return Optional.empty();
    }
  }

  /**
   * Returns the principal of an RFC 2253 subject: CN is the subject, the OU values are the roles, in the order the
   * certificate encodes them (RFC 2253 strings list the attributes in reverse).
   */
  static Principal fromSubject(String rfc2253) {
    String commonName = "";
    List<String> units = new ArrayList<>();
    try {
      for (Rdn rdn : new LdapName(rfc2253).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          commonName = String.valueOf(rdn.getValue());
        } else if (rdn.getType().equalsIgnoreCase("OU")) {
          units.add(String.valueOf(rdn.getValue()));
        }
      }
    } catch (InvalidNameException malformed) {
      throw unauthenticated("client certificate subject cannot be parsed");
    }
    if (commonName.isEmpty()) {
      throw unauthenticated("client certificate has no common name");
    }
    return Principal.certificate(commonName, units);
  }

  private static GatewayException unauthenticated(String message) {
    return new GatewayException(GrpcStatus.UNAUTHENTICATED, message);
  }
}
