package org.sdoh.hub.directory;

import java.util.ArrayList;
import java.util.List;

/**
 * An address a navigator asks about ($find {@code address}, {@code address-city},
 * {@code address-state}, {@code address-postalcode}, {@code address-country}: the names of the
 * Location search parameters), any part of which may be absent.
 */
public record AddressQuery(String line, String city, String state, String postalCode, String country) {

	public boolean isEmpty() {
		return line == null && city == null && state == null && postalCode == null && country == null;
	}

	/** For messages: the parts given, e.g. "postal code 01040, city Holyoke". */
	public String describe() {
		List<String> parts = new ArrayList<>();
		add(parts, "address", line);
		add(parts, "city", city);
		add(parts, "state", state);
		add(parts, "postal code", postalCode);
		add(parts, "country", country);
		return String.join(", ", parts);
	}

	private static void add(List<String> parts, String name, String value) {
		if (value != null) {
			parts.add(name + " " + value);
		}
	}
}
