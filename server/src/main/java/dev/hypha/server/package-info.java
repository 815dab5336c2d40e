/**
 * The HTTP server over a {@link dev.hypha.runtime.Hypha}: {@link dev.hypha.server.HyphaServer}
 * serves the REST API under {@code /api} and the dashboard at {@code /}. Everything else of the
 * module is in {@code dev.hypha.server.internal}, which users never import. The API itself is
 * described in {@code docs/SERVER.md} and, served by the server, {@code /api/openapi.json}.
 */
package dev.hypha.server;
