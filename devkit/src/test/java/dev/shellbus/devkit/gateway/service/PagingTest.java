package dev.shellbus.devkit.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PagingTest {

  private static final List<Integer> ITEMS = IntStream.range(0, 1500).boxed().toList();

  @Test
  void zeroLimitMeansHundred() {
    assertThat(Paging.page(ITEMS, 0, 0)).hasSize(100).startsWith(0);
  }

  @Test
  void limitIsCappedAtThousand() {
    assertThat(Paging.page(ITEMS, 5000, 0)).hasSize(1000);
    assertThat(Paging.page(ITEMS, -1, 0)).as("uint32 max").hasSize(1000);
  }

  @Test
  void offsetPagesUntilAShortPage() {
    assertThat(Paging.page(ITEMS, 1000, 1000)).hasSize(500).startsWith(1000);
    assertThat(Paging.page(ITEMS, 10, 1495)).containsExactly(1495, 1496, 1497, 1498, 1499);
    assertThat(Paging.page(ITEMS, 10, 2000)).isEmpty();
    assertThat(Paging.page(ITEMS, 10, -1)).as("uint32 max offset").isEmpty();
  }
}
