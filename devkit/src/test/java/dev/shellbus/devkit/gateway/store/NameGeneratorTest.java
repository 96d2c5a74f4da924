package dev.shellbus.devkit.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shellbus.devkit.gateway.GatewayException;
import dev.shellbus.devkit.gateway.validate.K8sNames;
import io.vertx.grpc.common.GrpcStatus;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NameGeneratorTest {

  @Test
  void generatedNamesAreValidSandboxNames() {
    NameGenerator generator = new NameGenerator(new Random(7));
    Set<String> names = new HashSet<>();
    for (int i = 0; i < 5000; i++) {
      String name = generator.next();
      assertThat(K8sNames.isSandboxName(name)).as(name).isTrue();
      names.add(name);
    }
    assertThat(names).hasSizeGreaterThan(3000);
  }

  @Test
  void everyWordPairFitsOrIsTrimmed() {
    for (String adjective : NameGenerator.ADJECTIVES) {
      for (String noun : NameGenerator.NOUNS) {
        String name = NameGenerator.trim(adjective + "-" + noun);
        assertThat(name).hasSizeLessThanOrEqualTo(19).doesNotEndWith("-");
      }
    }
  }

  @Test
  void trimCutsTo19AndDropsTrailingDashes() {
    assertThat(NameGenerator.trim("abcdefghijklmnopqr-stuvw")).isEqualTo("abcdefghijklmnopqr");
    assertThat(NameGenerator.trim("short-name")).isEqualTo("short-name");
  }

  @Test
  void fallbackIsSixLowercaseLetters() {
    assertThat(new NameGenerator(new Random(1)).fallback()).matches("[a-z]{6}");
  }

  @Test
  void nextFreeDrawsAgainUntilThePetnameIsFree() {
    NameGenerator generator = new NameGenerator(new Random(3), List.of("calm"), List.of("cat", "cow"));
    for (int i = 0; i < 10; i++) {
      assertThat(generator.nextFree(Set.of("calm-cat")::contains)).isEqualTo("calm-cow");
    }
  }

  @Test
  void nextFreeTurnsToSixLettersWhenEveryPetnameIsTaken() {
    NameGenerator generator = new NameGenerator(new Random(3), List.of("calm"), List.of("cat"));
    assertThat(generator.nextFree(Set.of("calm-cat")::contains)).matches("[a-z]{6}");
  }

  @Test
  void nextFreeGivesUpWithInternalOnlyWhenNoDrawIsFree() {
    NameGenerator generator = new NameGenerator(new Random(3));
    assertThatThrownBy(() -> generator.nextFree(name -> true))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.status()).isEqualTo(GrpcStatus.INTERNAL))
        .hasMessage("no free sandbox name after " + NameGenerator.MAX_DRAWS + " draws");
  }
}
