package dev.shellbus.devkit.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shellbus.devkit.gateway.validate.K8sNames;
import java.util.HashSet;
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
}
