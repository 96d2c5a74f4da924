/**
 * Bearer tokens for an OpenShell gateway that runs OIDC: the {@link
 * dev.shellbus.orchestrator.gateway.auth.TokenSource} port and its static, rotating-file and OAuth2
 * client-credentials implementations. Nothing here logs a token or a secret.
 */
package dev.shellbus.orchestrator.gateway.auth;
