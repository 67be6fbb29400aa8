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
import java.util.Set;

/**
 * An Open Referral HSDS 3.x tabular data package in its JSON form: a Frictionless
 * {@code datapackage.json} whose {@code resources} carry their rows inline ({@code "data": [...]}),
 * one resource per HSDS table ({@code organization}, {@code service}, {@code location},
 * {@code service_at_location}, {@code address}, {@code phone}, {@code schedule}, {@code language},
 * {@code taxonomy_term}, {@code attribute}). Rows keep HSDS's flat column names. HSDS is not FHIR,
 * so plain Jackson reads and writes it. The CSV form (a zip of the descriptor and one CSV file per
 * table) is {@link HsdsCsvPackage}; both end up as the same tables.
 */
public final class HsdsDataPackage {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Map<String, List<ObjectNode>> tables = new LinkedHashMap<>();

	public List<ObjectNode> table(String name) {
		return tables.getOrDefault(name, List.of());
	}

	public ObjectNode addRow(String table) {
		ObjectNode row = newRow();
		tables.computeIfAbsent(table, t -> new ArrayList<>()).add(row);
		return row;
	}

	public int rowCount() {
		return tables.values().stream().mapToInt(List::size).sum();
	}

	/** The JSON form: a {@code datapackage.json} whose resources carry their rows inline. */
	public static HsdsDataPackage parse(byte[] json) {
		return fromDescriptor(readJson(json, "The HSDS data package"), path -> {
			throw new InvalidRequestException("Resource file '" + path + "' cannot be read from a JSON data package; "
					+ "send files (CSV) as a zip with the datapackage.json");
		});
	}

	/** Reads one file a resource names in its {@code path}, relative to the descriptor. */
	@FunctionalInterface
	interface ResourceFiles {
		List<ObjectNode> rows(String path);
	}

	/**
	 * Reads the tables of a Frictionless descriptor: each resource's rows come from its inline
	 * {@code data} or, when it names a {@code path} (the CSV form), from {@code files}.
	 */
	static HsdsDataPackage fromDescriptor(JsonNode root, ResourceFiles files) {
		if (root == null || !root.path("resources").isArray()) {
			throw new InvalidRequestException("The HSDS data package needs a 'resources' array (Frictionless datapackage.json)");
		}
		HsdsDataPackage dataPackage = new HsdsDataPackage();
		for (JsonNode resource : root.path("resources")) {
			String name = resource.path("name").asText("");
			JsonNode path = resource.path("path");
			if (name.isEmpty() || !(resource.path("data").isArray() || path.isTextual() || path.isArray())) {
				throw new InvalidRequestException("Every data package resource needs a 'name' and inline 'data' rows or a 'path'; got " + resource);
			}
			List<ObjectNode> rows = dataPackage.tables.computeIfAbsent(Hsds.table(name), t -> new ArrayList<>());
			if (resource.path("data").isArray()) {
				for (JsonNode row : resource.path("data")) {
					if (!row.isObject()) {
						throw new InvalidRequestException("Rows of '" + name + "' must be JSON objects; got " + row);
					}
					rows.add((ObjectNode) row);
				}
			} else {
				// a Frictionless path is one file or a list of files holding parts of the same table
				Iterable<JsonNode> parts = path.isArray() ? path : List.of(path);
				for (JsonNode part : parts) {
					rows.addAll(files.rows(part.asText()));
				}
			}
		}
		return dataPackage;
	}

	static JsonNode readJson(byte[] json, String what) {
		try {
			return JSON.readTree(json);
		} catch (JsonProcessingException e) {
			throw new InvalidRequestException(what + " is not valid JSON: " + e.getOriginalMessage());
		} catch (IOException e) {
			throw new InvalidRequestException(what + " cannot be read: " + e.getMessage());
		}
	}

	/** Table names in the order they were first filled. */
	Set<String> tableNames() {
		return tables.keySet();
	}

	/**
	 * The descriptor without resources ({@code name}, {@code profile}, HSDS version); each form adds
	 * its resources.
	 */
	static ObjectNode descriptor() {
		ObjectNode root = JSON.createObjectNode();
		root.put("name", "sdoh-referral-hub-directory");
		root.put("profile", "tabular-data-package");
		root.putObject("hsds").put("version", "3.0");
		return root;
	}

	static byte[] write(JsonNode node) {
		try {
			return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException("Cannot write HSDS data package", e);
		}
	}

	/** The JSON form, rows inline. */
	public byte[] toJson() {
		ObjectNode root = descriptor();
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
		return write(root);
	}

	static ObjectNode newRow() {
		return JSON.createObjectNode();
	}
}
