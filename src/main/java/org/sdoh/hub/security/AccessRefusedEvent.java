package org.sdoh.hub.security;

/**
 * A request refused before it reached the FHIR layer (no token, bad or expired token, wrong issuer
 * or audience), published so the audit trail records it without security knowing about audit.
 */
public record AccessRefusedEvent(String method, String path, String clientAddress, int status, String reason) {}
