package org.sdoh.hub.directory.hsds;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Open Referral HSDS 3.x tabular data package in its JSON form: a Frictionless
 * {@code datapackage.json} whose {@code resources} carry their rows inline ({@code "data": [...]}),
 * one resource per HSDS table ({@code organization}, {@code service}, {@code location},
 * {@code service_at_location}, {@code address}, {@code phone}, {@code schedule}, {@code language},
 * {@code taxonomy_term}, {@code attribute}). Rows keep HSDS's flat column names. HSDS is not FHIR,
 * so plain Jackson reads and writes it.
 */
public final class HsdsDataPackage {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Map<String, List<ObjectNode>> tables = new LinkedHashMap<>();

	public List<ObjectNode> table(String name) {
		return tables.getOrDefault(name, List.of());
	}

	public ObjectNode addRow(String table) {
		ObjectNode row = JSON.createObjectNode();
		tables.computeIfAbsent(table, t -> new ArrayList<>()).add(row);
		return row;
	}

	public int rowCount() {
		return tables.values().stream().mapToInt(List::size).sum();
	}

	public static HsdsDataPackage parse(byte[] json) {
		JsonNode root;
		try {
			root = JSON.readTree(json);
		} catch (JsonProcessingException e) {
			throw new InvalidRequestException("The HSDS data package is not valid JSON: " + e.getOriginalMessage());
		} catch (IOException e) {
			throw new InvalidRequestException("The HSDS data package cannot be read: " + e.getMessage());
		}
		if (root == null || !root.path("resources").isArray()) {
			throw new InvalidRequestException("The HSDS data package needs a 'resources' array (Frictionless datapackage.json with inline data)");
		}
		HsdsDataPackage dataPackage = new HsdsDataPackage();
		for (JsonNode resource : root.path("resources")) {
			String name = resource.path("name").asText("");
			if (name.isEmpty() || !resource.path("data").isArray()) {
				throw new InvalidRequestException("Every data package resource needs a 'name' and inline 'data' rows; got " + resource);
			}
			for (JsonNode row : resource.path("data")) {
				if (!row.isObject()) {
					throw new InvalidRequestException("Rows of '" + name + "' must be JSON objects; got " + row);
				}
				dataPackage.tables.computeIfAbsent(name, t -> new ArrayList<>()).add((ObjectNode) row);
			}
		}
		return dataPackage;
	}

	public byte[] toJson() {
		ObjectNode root = JSON.createObjectNode();
		root.put("name", "sdoh-referral-hub-directory");
		root.put("profile", "tabular-data-package");
		root.putObject("hsds").put("version", "3.0");
		ArrayNode resources = root.putArray("resources");
		tables.forEach((name, rows) -> {
			ObjectNode resource = resources.addObject();
			resource.put("name", name);
			resource.put("profile", "tabular-data-resource");
			ArrayNode data = resource.putArray("data");
			for (ObjectNode row : rows) {
				ObjectNode written = row.deepCopy();
				written.properties().removeIf(field -> field.getValue().isNull()); // absent, not null, as HSDS files are written
				data.add(written);
			}
		});
		try {
			return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException("Cannot write HSDS data package", e);
		}
	}
}
