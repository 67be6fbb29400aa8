package org.sdoh.hub.directory.hsds;

/** An HSDS row the import left out, and why. */
public record RejectedRecord(String table, String id, String reason) {}
