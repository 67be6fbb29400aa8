package org.sdoh.hub.metrics;

import java.util.List;

/**
 * What a MeasureReport can be broken down by, and the projection column(s) each grouping uses.
 * Column names come only from here, never from a request.
 */
public enum Stratifier {
	OWNER("owner", "Owner organization (the CBO that received the referral)", "owner_org"),
	REQUESTER("requester", "Requesting organization (the clinic that sent the referral)", "requester_org"),
	DOMAIN("domain", "SDOH domain (ServiceRequest.category)", "domain"),
	MONTH("month", "Month the referral was sent (yyyy-MM, deployment time zone)", "requested_month"),
	WEEK("week", "ISO week the referral was sent (yyyy-Www, deployment time zone)", "requested_week"),
	MONTH_DOMAIN("month-domain", "Month and SDOH domain", "requested_month", "domain"),
	REASON("reason", "Reason given for rejecting or cancelling (statusReason code or text)", "status_reason"),
	RESPONSE_BAND("response-band", "Business days from sent to accepted: 0-1, 1-2, 2-5, 5+", "accept_band");

	public static final String SYSTEM = "http://sdoh-referral-hub.org/fhir/CodeSystem/referral-stratifier";

	private final String code;
	private final String description;
	private final List<String> columns;

	Stratifier(String code, String description, String... columns) {
		this.code = code;
		this.description = description;
		this.columns = List.of(columns);
	}

	public String code() {
		return code;
	}

	public String description() {
		return description;
	}

	public List<String> columns() {
		return columns;
	}

	/** Whether the strata are organizations (references), which reports also name. */
	public boolean isOrganization() {
		return this == OWNER || this == REQUESTER;
	}

	/** The component codes of a multi-column stratifier ("month", "domain"). */
	public List<String> componentCodes() {
		return this == MONTH_DOMAIN ? List.of(MONTH.code, DOMAIN.code) : List.of(code);
	}
}
