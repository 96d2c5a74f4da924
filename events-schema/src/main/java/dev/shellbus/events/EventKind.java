package dev.shellbus.events;

import dev.shellbus.events.v1.AuditEvent;
import dev.shellbus.events.v1.LifecycleEvent;
import dev.shellbus.events.v1.SandboxRequest;
import dev.shellbus.events.v1.SandboxResult;
import dev.shellbus.events.v1.WorkerHeartbeat;
import java.util.Arrays;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The records that travel on shellbus topics, each with its CloudEvents type and default topic.
 *
 * <p>This is the catalogue the serdes, the schema registry and the compatibility test iterate over: a record that is
 * published on its own must be listed here. The {@code v1} in each CloudEvents type is the contract's major version
 * (the Avro namespace), not a schema revision; compatible revisions keep it.
 */
public enum EventKind {
  REQUEST(SandboxRequest.class, SandboxRequest.getClassSchema(), "dev.shellbus.request.v1", Topics.REQUESTS),
  RESULT(SandboxResult.class, SandboxResult.getClassSchema(), "dev.shellbus.result.v1", Topics.RESULTS),
  LIFECYCLE(LifecycleEvent.class, LifecycleEvent.getClassSchema(), "dev.shellbus.lifecycle.v1", Topics.LIFECYCLE),
  AUDIT(AuditEvent.class, AuditEvent.getClassSchema(), "dev.shellbus.audit.v1", Topics.AUDIT),
  HEARTBEAT(WorkerHeartbeat.class, WorkerHeartbeat.getClassSchema(), "dev.shellbus.heartbeat.v1", Topics.WORKERS);

  private final Class<? extends SpecificRecord> recordClass;
  private final Schema schema;
  private final String cloudEventType;
  private final String defaultTopic;

  EventKind(Class<? extends SpecificRecord> recordClass, Schema schema, String cloudEventType, String defaultTopic) {
    this.recordClass = recordClass;
    this.schema = schema;
    this.cloudEventType = cloudEventType;
    this.defaultTopic = defaultTopic;
  }

  /** Returns the generated record class. */
  public Class<? extends SpecificRecord> recordClass() {
    return recordClass;
  }

  /** Returns the current (compiled) schema of the record. */
  public Schema schema() {
    return schema;
  }

  /** Returns the record's simple name, e.g. {@code SandboxResult}; stored versions live in a folder of that name. */
  public String recordName() {
    return schema.getName();
  }

  /** Returns the CloudEvents {@code ce_type}, e.g. {@code dev.shellbus.result.v1}. */
  public String cloudEventType() {
    return cloudEventType;
  }

  /** Returns the default topic the record is published on. */
  public String defaultTopic() {
    return defaultTopic;
  }

  /** Finds the kind whose record class is {@code type}. */
  public static Optional<EventKind> of(Class<?> type) {
    return Arrays.stream(values()).filter(k -> k.recordClass.equals(type)).findFirst();
  }

  /** Finds the kind whose CloudEvents type is {@code ceType}. */
  public static Optional<EventKind> ofCloudEventType(String ceType) {
    return Arrays.stream(values()).filter(k -> k.cloudEventType.equals(ceType)).findFirst();
  }
}
