package org.sdoh.hub.directory.hsds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** The CSV form of HSDS data packages, without a server: zip layout, CSV details, refusals. */
class HsdsCsvPackageTest {

	private static final String DESCRIPTOR = """
			{"resources": [
			  {"name": "organizations", "path": "organizations.csv"},
			  {"name": "service", "path": ["services-1.csv", "services-2.csv"]}]}""";

	@Test
	void readsEachTableFromItsPathWithPluralNamesAndQuotedCells() {
		HsdsDataPackage data = HsdsCsvPackage.read(zip(Map.of(
				"export/datapackage.json", DESCRIPTOR,
				"export/organizations.csv", "\uFEFFid,name,email\r\no1,\"Pantry, \"\"North\"\"\",\r\n\r\n",
				"export/services-1.csv", "id,organization_id,name\no1-s1,o1,\"Line one\nline two\"\n",
				"export/services-2.csv", "id,organization_id,name\no1-s2,o1,Second\n")));

		assertThat(data.table("organization")).hasSize(1);
		assertThat(data.table("organization").get(0).toString()).isEqualTo("{\"id\":\"o1\",\"name\":\"Pantry, \\\"North\\\"\"}");
		assertThat(data.table("service")).extracting(row -> row.get("name").asText()).containsExactly("Line one\nline two", "Second");
		assertThat(data.rowCount()).isEqualTo(3);
	}

	@Test
	void writesWhatItReadsBackAndTheSameBytesTwice() {
		HsdsDataPackage data = new HsdsDataPackage();
		data.addRow("organization").put("id", "o1").put("name", "A, \"quoted\" name");
		data.addRow("location").put("id", "l1").put("latitude", 42.2043).put("longitude", -72.6162).putNull("description");
		data.addRow("location").put("id", "l2").put("name", "Second");

		byte[] zip = HsdsCsvPackage.write(data);
		HsdsDataPackage back = HsdsCsvPackage.read(zip);

		assertThat(HsdsCsvPackage.write(data)).isEqualTo(zip);
		assertThat(back.table("organization").get(0).get("name").asText()).isEqualTo("A, \"quoted\" name");
		assertThat(back.table("location").get(0).toString()).isEqualTo("{\"id\":\"l1\",\"latitude\":\"42.2043\",\"longitude\":\"-72.6162\"}");
		assertThat(back.table("location").get(1).toString()).isEqualTo("{\"id\":\"l2\",\"name\":\"Second\"}");
	}

	@Test
	void refusesWhatIsNotADataPackageWithTheReason() {
		assertRefused("not a zip".getBytes(StandardCharsets.UTF_8), "not a zip or holds no files");
		assertRefused(zip(Map.of("organizations.csv", "id,name\n")), "holds no datapackage.json");
		assertRefused(zip(Map.of("datapackage.json", DESCRIPTOR, "organizations.csv", "id,name\n")),
				"datapackage.json names 'services-1.csv', which is not in the zip");
		assertRefused(zip(Map.of("datapackage.json", "{\"resources\": [{\"name\": \"service\"}]}")), "or a 'path'");
		assertRefused(zip(Map.of("datapackage.json", "{\"resources\": [{\"name\": \"organization\", \"path\": \"o.csv\"}]}",
				"o.csv", "id,name\no1,\"unterminated\n")), "'o.csv' is not a valid CSV file with a header row");
		assertRefused(zip(Map.of("datapackage.json", "{\"resources\": [{\"name\": \"organization\", \"path\": \"o.csv\"}]}",
				"o.csv", "id,id\no1,o2\n")), "'o.csv' is not a valid CSV file with a header row");
	}

	private static void assertRefused(byte[] zip, String reason) {
		assertThatThrownBy(() -> HsdsCsvPackage.read(zip)).isInstanceOf(InvalidRequestException.class).hasMessageContaining(reason);
	}

	static byte[] zip(Map<String, String> files) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			for (Map.Entry<String, String> file : new LinkedHashMap<>(files).entrySet()) {
				zip.putNextEntry(new ZipEntry(file.getKey()));
				zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
				zip.closeEntry();
			}
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
		return bytes.toByteArray();
	}
}
