/**
 * The request rules of BEHAVIOR.md in code: sandbox path validation and normalization ({@link
 * dev.shellbus.events.validation.SandboxPaths}), size limits ({@link dev.shellbus.events.validation.Limits}) and the
 * whole-request check ({@link dev.shellbus.events.validation.RequestValidator}) that turns a request into a list of
 * {@link dev.shellbus.events.validation.Violation}s, each naming the field, the error code and what is wrong.
 */
package dev.shellbus.events.validation;
