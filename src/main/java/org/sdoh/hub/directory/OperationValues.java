package org.sdoh.hub.directory;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.StringType;

/**
 * Reads operation parameters that arrive as query strings. HAPI converts typed operation parameters
 * itself but answers a malformed number with 500; read as text here, a bad value is the client's 400.
 */
final class OperationValues {

	private OperationValues() {}

	static double decimal(String name, StringType value) {
		try {
			double number = Double.parseDouble(value.getValueNotNull().trim());
			if (Double.isFinite(number)) {
				return number;
			}
		} catch (NumberFormatException e) {
			// reported below
		}
		throw new InvalidRequestException(name + " must be a decimal number, got '" + value.getValue() + "'");
	}

	static int integer(String name, StringType value, int fallback, int min) {
		if (value == null) {
			return fallback;
		}
		int number;
		try {
			number = Integer.parseInt(value.getValueNotNull().trim());
		} catch (NumberFormatException e) {
			throw new InvalidRequestException(name + " must be a whole number, got '" + value.getValue() + "'");
		}
		if (number < min) {
			throw new InvalidRequestException(name + " must be at least " + min + ", got " + number);
		}
		return number;
	}

	static boolean bool(String name, StringType value) {
		if (value == null) {
			return false;
		}
		return switch (value.getValueNotNull()) {
			case "true" -> true;
			case "false" -> false;
			default -> throw new InvalidRequestException(name + " must be true or false, got '" + value.getValue() + "'");
		};
	}
}
