package dev.shellbus.events.schema;

import dev.shellbus.events.EventKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaFormatter;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

/**
 * The in-repository schema registry: every released version of every {@link EventKind}.
 *
 * <p>Versions are resources named {@code dev/shellbus/events/schemas/<Record>/v<N>.avsc}, numbered from 1 without
 * gaps, each self-contained (nested types inlined). Only the current schema is compiled into classes; older ones
 * exist only here, so that a reader can resolve bytes written with any released version. Each kind gets its own
 * {@link SchemaStore.Cache}, which also holds the current compiled schema, so a store answers only for its own record.
 */
public final class SchemaVersions {

  /** Classpath folder holding the stored versions. */
  public static final String RESOURCE_ROOT = "dev/shellbus/events/schemas/";

  private static final String JAVA_STRING_PROP = ",\"avro.java.string\":\"String\"";

  private final Map<EventKind, List<StoredSchema>> versions;
  private final Map<EventKind, SchemaStore.Cache> stores;
  private final SchemaStore.Cache all = new SchemaStore.Cache();
  private final Map<Long, StoredSchema> byFingerprint = new HashMap<>();

  private SchemaVersions(Map<EventKind, List<StoredSchema>> versions) {
    this.versions = versions;
    this.stores = new EnumMap<>(EventKind.class);
    for (EventKind kind : EventKind.values()) {
      SchemaStore.Cache store = new SchemaStore.Cache();
      store.addSchema(kind.schema());
      for (StoredSchema stored : versions.get(kind)) {
        store.addSchema(stored.schema());
        all.addSchema(stored.schema());
        byFingerprint.put(stored.fingerprint(), stored);
      }
      stores.put(kind, store);
    }
  }

  private static final class Holder {
    static final SchemaVersions INSTANCE = load(SchemaVersions.class.getClassLoader());
  }

  /** Returns the registry loaded from this module's resources. */
  public static SchemaVersions get() {
    return Holder.INSTANCE;
  }

  /** Loads every stored version reachable through {@code loader}; fails if a kind has no v1 or a file is wrong. */
  static SchemaVersions load(ClassLoader loader) {
    AvroTrust.install();
    Map<EventKind, List<StoredSchema>> loaded = new EnumMap<>(EventKind.class);
    for (EventKind kind : EventKind.values()) {
      List<StoredSchema> list = new ArrayList<>();
      for (int v = 1; ; v++) {
        Optional<Schema> schema = read(loader, resourcePath(kind, v));
        if (schema.isEmpty()) {
          break;
        }
        list.add(checked(kind, v, schema.get()));
      }
      if (list.isEmpty()) {
        throw new IllegalStateException("no stored schema for " + kind.recordName() + ": " + resourcePath(kind, 1));
      }
      loaded.put(kind, Collections.unmodifiableList(list));
    }
    return new SchemaVersions(loaded);
  }

  /** Returns all stored versions of {@code kind}, oldest first. */
  public List<StoredSchema> versions(EventKind kind) {
    return versions.get(kind);
  }

  /** Returns the newest stored version of {@code kind}. */
  public StoredSchema latest(EventKind kind) {
    List<StoredSchema> list = versions.get(kind);
    return list.get(list.size() - 1);
  }

  /** Returns the store that resolves fingerprints of {@code kind} only (stored versions plus the current schema). */
  public SchemaStore store(EventKind kind) {
    return stores.get(kind);
  }

  /** Returns a store holding every stored version of every kind. */
  public SchemaStore store() {
    return all;
  }

  /** Finds the stored version with this fingerprint (the newest one when only docs or defaults changed). */
  public Optional<StoredSchema> find(long fingerprint) {
    return Optional.ofNullable(byFingerprint.get(fingerprint));
  }

  /** Returns the resource path of version {@code version} of {@code kind}. */
  public static String resourcePath(EventKind kind, int version) {
    return RESOURCE_ROOT + kind.recordName() + "/v" + version + ".avsc";
  }

  /** Returns the single-object-encoding fingerprint (CRC-64-AVRO of the parsing canonical form). */
  public static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  /**
   * Returns {@code schema} without the Java-only {@code avro.java.string} properties the code generator adds, which is
   * the form stored versions are kept in. The property can only occur outside JSON string literals, where quotes are
   * escaped, so removing its exact text is safe.
   */
  public static Schema portable(Schema schema) {
    return new Schema.Parser().parse(schema.toString().replace(JAVA_STRING_PROP, ""));
  }

  /** Returns the text a stored version file of {@code schema} must have: portable, pretty-printed JSON. */
  public static String render(Schema schema) {
    return SchemaFormatter.format("json/pretty", portable(schema)) + "\n";
  }

  private static Optional<Schema> read(ClassLoader loader, String path) {
    try (InputStream in = loader.getResourceAsStream(path)) {
      return in == null ? Optional.empty() : Optional.of(new Schema.Parser().parse(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  private static StoredSchema checked(EventKind kind, int version, Schema schema) {
    if (!schema.getFullName().equals(kind.schema().getFullName())) {
      throw new IllegalStateException(resourcePath(kind, version) + " holds " + schema.getFullName()
          + ", expected " + kind.schema().getFullName());
    }
    return new StoredSchema(kind, version, schema, fingerprint(schema));
  }
}
