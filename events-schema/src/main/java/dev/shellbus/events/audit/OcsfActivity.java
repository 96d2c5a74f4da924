package dev.shellbus.events.audit;

import dev.shellbus.events.v1.AuditEvent;

/**
 * The OCSF 1.3.0 class and activity pairs shellbus emits, with their ids.
 *
 * <p>API Activity (class 6003, category 6 Application Activity) covers gateway calls that change or read sandboxes;
 * Process Activity (1007, category 1 System Activity) covers commands run in a sandbox; File System Activity (1001,
 * category 1) covers files moved in or out. {@code type_uid} is always {@code class_uid * 100 + activity_id}.
 */
public enum OcsfActivity {
  /** CreateSandbox, AttachSandboxProvider. */
  API_CREATE(6003, 6, 1, "Create"),
  /** GetSandbox, ListSandboxes. */
  API_READ(6003, 6, 2, "Read"),
  /** StopSandbox, StartSandbox, policy or provider changes. */
  API_UPDATE(6003, 6, 3, "Update"),
  /** DeleteSandbox, DetachSandboxProvider, and sandboxes removed by the reaper. */
  API_DELETE(6003, 6, 4, "Delete"),
  /** A step or Exec started. */
  PROCESS_LAUNCH(1007, 1, 1, "Launch"),
  /** A step or Exec ended, with its exit code. */
  PROCESS_TERMINATE(1007, 1, 2, "Terminate"),
  /** A file written into the sandbox (input, PutFiles, snapshot restore). */
  FILE_CREATE(1001, 1, 1, "Create"),
  /** A file read out of the sandbox (artifact, GetFiles, snapshot). */
  FILE_READ(1001, 1, 2, "Read"),
  /** A file in the sandbox replaced (PutFiles over an existing path). */
  FILE_UPDATE(1001, 1, 3, "Update"),
  /** A file in the sandbox deleted. */
  FILE_DELETE(1001, 1, 4, "Delete");

  /** The pinned OCSF schema version, written to {@code metadata.ocsf_version}. */
  public static final String OCSF_VERSION = "1.3.0";

  private final int classUid;
  private final int categoryUid;
  private final int activityId;
  private final String activityName;

  OcsfActivity(int classUid, int categoryUid, int activityId, String activityName) {
    this.classUid = classUid;
    this.categoryUid = categoryUid;
    this.activityId = activityId;
    this.activityName = activityName;
  }

  /** Returns the OCSF class_uid. */
  public int classUid() {
    return classUid;
  }

  /** Returns the OCSF category_uid. */
  public int categoryUid() {
    return categoryUid;
  }

  /** Returns the OCSF activity_id. */
  public int activityId() {
    return activityId;
  }

  /** Returns the OCSF activity name, e.g. {@code Launch}. */
  public String activityName() {
    return activityName;
  }

  /** Returns the OCSF type_uid: {@code class_uid * 100 + activity_id}. */
  public long typeUid() {
    return classUid * 100L + activityId;
  }

  /** Sets class_uid, category_uid, activity_id and type_uid on {@code builder}. */
  public AuditEvent.Builder applyTo(AuditEvent.Builder builder) {
    return builder.setClassUid(classUid).setCategoryUid(categoryUid).setActivityId(activityId).setTypeUid(typeUid());
  }
}
