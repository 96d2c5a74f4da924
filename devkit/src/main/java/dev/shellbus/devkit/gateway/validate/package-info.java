/**
 * The request checks of the dev gateway that need no state: Kubernetes name rules, environment rules, the sandbox
 * spec and policy, and label selectors. Each failure is an INVALID_ARGUMENT naming the offending field.
 */
package dev.shellbus.devkit.gateway.validate;
