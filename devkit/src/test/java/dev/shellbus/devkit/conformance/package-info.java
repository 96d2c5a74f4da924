/**
 * The gateway conformance suite: JUnit 5 classes ({@code *ConformanceIT}) that check a gateway against the OpenShell
 * contract in {@code shared/openshell-contract.md}, over raw gRPC, with only the generated service methods.
 *
 * <p>By default the suite starts an in-process dev gateway with a bearer token (bubblewrap isolation when it works on
 * the host). With {@code SHELLBUS_CONFORMANCE_GATEWAY} set it qualifies that gateway instead; see
 * {@link dev.shellbus.devkit.conformance.ConformanceSettings} and the "Conformance suite" section of
 * {@code devkit/README.md}.
 */
package dev.shellbus.devkit.conformance;
