package dev.shellbus.devkit.gateway.service;

import java.util.List;

/** Offset paging as the list RPCs do it: a limit of 0 means 100, and no page holds more than 1000 items. */
public final class Paging {

  /** The page size when the request says 0. */
  public static final int DEFAULT_LIMIT = 100;
  /** The largest page. */
  public static final int MAX_LIMIT = 1000;

  private Paging() {}

  /** Returns the page of {@code items} that {@code limit} and {@code offset} (both unsigned) select. */
  public static <T> List<T> page(List<T> items, int limit, int offset) {
    long effective = limit == 0 ? DEFAULT_LIMIT : Math.min(Integer.toUnsignedLong(limit), MAX_LIMIT);
    long from = Math.min(Integer.toUnsignedLong(offset), items.size());
    long to = Math.min(from + effective, items.size());
    return List.copyOf(items.subList((int) from, (int) to));
  }
}
