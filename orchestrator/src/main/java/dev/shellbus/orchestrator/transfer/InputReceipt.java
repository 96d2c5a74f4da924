package dev.shellbus.orchestrator.transfer;

/**
 * What was written into the sandbox for one input, for audit (File System Activity with digests).
 *
 * @param path the sandbox path
 * @param size bytes written (for an archive: the archive's size)
 * @param sha256 SHA-256 of those bytes, lowercase hex
 * @param source the {@code s3://} URI the bytes came from, or empty for inline content
 */
public record InputReceipt(String path, long size, String sha256, String source) {}
