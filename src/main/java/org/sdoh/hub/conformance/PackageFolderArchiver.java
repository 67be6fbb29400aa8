package org.sdoh.hub.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Turns a folder of FHIR JSON files into the NPM package archive HAPI's installer reads. A folder
 * laid out as an unpacked package ({@code package/package.json}) is archived as it is; a plain folder
 * of conformance resources gets a minimal package.json naming the configured name and version.
 */
final class PackageFolderArchiver {

	private static final ObjectMapper JSON = new ObjectMapper();

	private PackageFolderArchiver() {}

	static byte[] toTgz(String name, String version, Path folder) throws IOException {
		Path packageDir = Files.isDirectory(folder.resolve("package")) ? folder.resolve("package") : folder;
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
			tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
			if (!Files.exists(packageDir.resolve("package.json"))) {
				add(tar, "package/package.json", manifest(name, version));
			}
			for (Path file : jsonFiles(packageDir)) {
				add(tar, "package/" + packageDir.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
			}
		}
		return bytes.toByteArray();
	}

	private static List<Path> jsonFiles(Path dir) throws IOException {
		try (Stream<Path> files = Files.walk(dir)) {
			return files.filter(Files::isRegularFile)
					.filter(f -> f.getFileName().toString().endsWith(".json"))
					.sorted()
					.toList();
		}
	}

	private static byte[] manifest(String name, String version) throws IOException {
		ObjectNode manifest = JSON.createObjectNode();
		manifest.put("name", name);
		manifest.put("version", version);
		manifest.put("type", "fhir.ig");
		manifest.putArray("fhirVersions").add("4.0.1");
		manifest.putObject("dependencies").put("hl7.fhir.r4.core", "4.0.1");
		return JSON.writeValueAsBytes(manifest);
	}

	private static void add(TarArchiveOutputStream tar, String entryName, byte[] content) throws IOException {
		TarArchiveEntry entry = new TarArchiveEntry(entryName);
		entry.setSize(content.length);
		tar.putArchiveEntry(entry);
		tar.write(content);
		tar.closeArchiveEntry();
	}
}
