package dev.shellbus.devkit.gateway.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shellbus.devkit.gateway.GatewayException;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

  @Test
  void certificateSubjectGivesCommonNameAndUnitsAsRoles() {
    // RFC 2253 lists the attributes last-first: this certificate encodes O, OU=openshell-user, OU=ops, CN.
    Principal principal = Authenticator.fromSubject("CN=alice,OU=ops,OU=openshell-user,O=Example");
    assertThat(principal.subject()).isEqualTo("alice");
    assertThat(principal.roles()).containsExactly("openshell-user", "ops");
    assertThat(principal.identityProvider()).isEqualTo("mtls");
    assertThat(principal.readOnly()).isFalse();
  }

  @Test
  void certificateWithoutCommonNameIsRejected() {
    assertThatThrownBy(() -> Authenticator.fromSubject("OU=ops,O=Example"))
        .isInstanceOf(GatewayException.class).hasMessageContaining("common name");
  }
}
