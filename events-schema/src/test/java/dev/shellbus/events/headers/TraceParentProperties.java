package dev.shellbus.events.headers;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TraceParentProperties {

  @Provide
  Arbitrary<TraceParent> parents() {
    Arbitrary<String> trace = Arbitraries.strings().withChars("0123456789abcdef").ofLength(32)
        .filter(s -> !s.matches("0+"));
    Arbitrary<String> span = Arbitraries.strings().withChars("0123456789abcdef").ofLength(16)
        .filter(s -> !s.matches("0+"));
    return Combinators.combine(trace, span, Arbitraries.integers().between(0, 255)).as(TraceParent::new);
  }

  @Property
  void formatThenParseIsIdentity(@ForAll("parents") TraceParent parent) {
    assertThat(parent.format()).hasSize(55);
    assertThat(TraceParent.parse(parent.format())).contains(parent);
  }

  @Property
  void parseNeverThrowsAndAcceptsOnlyCanonicalValues(@ForAll String value) {
    TraceParent.parse(value).ifPresent(p -> assertThat(p.format()).isEqualTo(value.strip()));
  }
}
