package org.sdoh.hub.directory.hsds;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * The CSV form of an HSDS data package: a zip holding {@code datapackage.json} and one CSV file
 * per table, named by each resource's {@code path} (relative to the descriptor, which may sit in a
 * folder of the zip). Each CSV has a header row of HSDS column names; an empty cell is an absent
 * value. Read into the same tables as the JSON form, so one mapping serves both.
 */
public final class HsdsCsvPackage {

	public static final String MEDIA_TYPE = "application/zip";
	static final String DESCRIPTOR = "datapackage.json";
	/** Inflated bytes accepted from one zip: the request size limit bounds the zip, not what it inflates to. */
	static final long MAX_INFLATED_BYTES = 200L * 1024 * 1024;

	private static final CSVFormat READ = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
			.setIgnoreEmptyLines(true).setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW).build();
	private static final CSVFormat WRITE = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").build();

	private static final LocalDateTime FIXED_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

	private HsdsCsvPackage() {}

	public static HsdsDataPackage read(byte[] zip) {
		Map<String, byte[]> files = unzip(zip);
		String descriptorPath = files.keySet().stream()
				.filter(name -> name.equals(DESCRIPTOR) || name.endsWith("/" + DESCRIPTOR))
				.min((a, b) -> Integer.compare(a.length(), b.length())) // the outermost one
				.orElseThrow(() -> new InvalidRequestException("The zip holds no " + DESCRIPTOR + " (Frictionless data package descriptor)"));
		String folder = descriptorPath.substring(0, descriptorPath.length() - DESCRIPTOR.length());
		JsonNode descriptor = HsdsDataPackage.readJson(files.get(descriptorPath), DESCRIPTOR);
		return HsdsDataPackage.fromDescriptor(descriptor, path -> {
			byte[] csv = files.get(folder + path);
			if (csv == null) {
				throw new InvalidRequestException(DESCRIPTOR + " names '" + path + "', which is not in the zip");
			}
			return rows(path, csv);
		});
	}

	/** The zip: the descriptor (each resource with its path and fields) and one CSV per table. */
	public static byte[] write(HsdsDataPackage data) {
		ObjectNode descriptor = HsdsDataPackage.descriptor();
		ArrayNode resources = descriptor.putArray("resources");
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
			for (String table : data.tableNames()) {
				List<ObjectNode> rows = data.table(table);
				List<String> columns = columns(rows);
				ObjectNode resource = resources.addObject().put("name", table).put("path", table + ".csv")
						.put("profile", "tabular-data-resource").put("format", "csv").put("mediatype", "text/csv")
						.put("encoding", "utf-8");
				ArrayNode fields = resource.putObject("schema").putArray("fields");
				columns.forEach(column -> fields.addObject().put("name", column).put("type", "string"));
				putEntry(zip, table + ".csv", csv(columns, rows));
			}
			putEntry(zip, DESCRIPTOR, HsdsDataPackage.write(descriptor));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return bytes.toByteArray();
	}

	private static Map<String, byte[]> unzip(byte[] zip) {
		Map<String, byte[]> files = new HashMap<>();
		long inflated = 0;
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
			ZipEntry entry;
			byte[] buffer = new byte[64 * 1024];
			while ((entry = in.getNextEntry()) != null) {
				if (entry.isDirectory()) {
					continue;
				}
				ByteArrayOutputStream file = new ByteArrayOutputStream();
				for (int n; (n = in.read(buffer)) > 0; ) {
					inflated += n;
					if (inflated > MAX_INFLATED_BYTES) {
						throw new InvalidRequestException("The zip inflates to more than " + MAX_INFLATED_BYTES / (1024 * 1024)
								+ " MB; split the data package");
					}
					file.write(buffer, 0, n);
				}
				files.put(entry.getName(), file.toByteArray());
			}
		} catch (ZipException e) {
			throw new InvalidRequestException("The HSDS CSV data package is not a valid zip: " + e.getMessage());
		} catch (IOException e) {
			throw new InvalidRequestException("The HSDS CSV data package cannot be read: " + e.getMessage());
		}
		if (files.isEmpty()) {
			throw new InvalidRequestException("The HSDS CSV data package is not a zip or holds no files");
		}
		return files;
	}

	private static List<ObjectNode> rows(String path, byte[] csv) {
		List<ObjectNode> rows = new ArrayList<>();
		try (Reader reader = new InputStreamReader(withoutByteOrderMark(csv), StandardCharsets.UTF_8);
				CSVParser parser = READ.parse(reader)) {
			List<String> header = parser.getHeaderNames();
			for (CSVRecord record : parser) {
				ObjectNode row = HsdsDataPackage.newRow();
				for (int i = 0; i < header.size() && i < record.size(); i++) {
					if (!record.get(i).isEmpty()) {
						row.put(header.get(i), record.get(i));
					}
				}
				rows.add(row);
			}
		} catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
			// commons-csv reports malformed input (unterminated quote, duplicate header) with these
			throw new InvalidRequestException("'" + path + "' is not a valid CSV file with a header row: " + e.getMessage());
		}
		return rows;
	}

	/** Spreadsheet programs write UTF-8 CSV with a byte order mark, which would end up in the first column's name. */
	private static InputStream withoutByteOrderMark(byte[] csv) {
		boolean bom = csv.length >= 3 && (csv[0] & 0xFF) == 0xEF && (csv[1] & 0xFF) == 0xBB && (csv[2] & 0xFF) == 0xBF;
		return new ByteArrayInputStream(csv, bom ? 3 : 0, csv.length - (bom ? 3 : 0));
	}

	/** Every column any row of the table has, in the order first met (the export writes rows alike). */
	private static List<String> columns(List<ObjectNode> rows) {
		Set<String> columns = new LinkedHashSet<>();
		rows.forEach(row -> row.fieldNames().forEachRemaining(columns::add));
		return List.copyOf(columns);
	}

	private static byte[] csv(List<String> columns, List<ObjectNode> rows) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8); CSVPrinter printer = new CSVPrinter(writer, WRITE)) {
			printer.printRecord(columns);
			for (ObjectNode row : rows) {
				List<String> values = new ArrayList<>(columns.size());
				for (String column : columns) {
					JsonNode value = row.get(column);
					values.add(value == null || value.isNull() ? "" : value.asText());
				}
				printer.printRecord(values);
			}
		}
		return bytes.toByteArray();
	}

	/** Entries carry a fixed time, so exporting the same directory twice gives the same bytes. */
	private static void putEntry(ZipOutputStream zip, String name, byte[] content) throws IOException {
		ZipEntry entry = new ZipEntry(name);
		entry.setTimeLocal(FIXED_TIME);
		zip.putNextEntry(entry);
		zip.write(content);
		zip.closeEntry();
	}
}
