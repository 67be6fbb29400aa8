package org.sdoh.hub.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.jpa.packages.PackageInstallationSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sdoh.hub.app.SdohProperties.FhirPackage;

/** Where a configured package comes from: registry, URL, local .tgz or a folder of JSON files. */
class FhirPackageInstallerTest {

	@TempDir
	Path tmp;

	@Test
	void packageWithoutLocationIsFetchedFromTheRegistryByNameAndVersion() {
		PackageInstallationSpec spec = FhirPackageInstaller.specFor(new FhirPackage("hl7.fhir.us.core", "7.0.0", ""));

		assertThat(spec.getName()).isEqualTo("hl7.fhir.us.core");
		assertThat(spec.getVersion()).isEqualTo("7.0.0");
		assertThat(spec.getPackageUrl()).isNull();
		assertThat(spec.getPackageContents()).isNull();
		assertThat(spec.isFetchDependencies()).isFalse();
		assertThat(spec.getInstallMode()).isEqualTo(PackageInstallationSpec.InstallModeEnum.STORE_AND_INSTALL);
	}

	@Test
	void localTgzFileBecomesAFileUrl() throws IOException {
		Path tgz = Files.writeString(tmp.resolve("us-core.tgz"), "not really gzip");

		PackageInstallationSpec spec = FhirPackageInstaller.specFor(new FhirPackage("hl7.fhir.us.core", "7.0.0", tgz.toString()));

		assertThat(spec.getPackageUrl()).isEqualTo(tgz.toUri().toString());
	}

	@Test
	void classpathLocationIsPassedToHapiAsIs() {
		PackageInstallationSpec spec =
				FhirPackageInstaller.specFor(new FhirPackage("p", "1.0.0", "classpath:packages/p-1.0.0.tgz"));

		assertThat(spec.getPackageUrl()).isEqualTo("classpath:packages/p-1.0.0.tgz");
	}

	@Test
	void missingLocationStopsStartUpWithTheProblemNamed() {
		FhirPackage missing = new FhirPackage("p", "1.0.0", tmp.resolve("nowhere").toString());

		assertThatThrownBy(() -> FhirPackageInstaller.specFor(missing))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("p#1.0.0")
				.hasMessageContaining("neither a .tgz file nor a folder");
	}

	@Test
	void folderOfLooseJsonFilesBecomesAnNpmPackageWithTheConfiguredNameAndVersion() throws IOException {
		Files.writeString(tmp.resolve("SearchParameter-x.json"), "{\"resourceType\":\"SearchParameter\",\"id\":\"x\"}");
		Files.writeString(tmp.resolve("README.md"), "ignored");

		PackageInstallationSpec spec = FhirPackageInstaller.specFor(new FhirPackage("example.ig", "0.1.0", tmp.toString()));
		NpmPackage npm = NpmPackage.fromPackage(new ByteArrayInputStream(spec.getPackageContents()));

		assertThat(npm.name()).isEqualTo("example.ig");
		assertThat(npm.version()).isEqualTo("0.1.0");
		assertThat(npm.fhirVersion()).isEqualTo("4.0.1");
		assertThat(npm.list("package")).containsExactly("SearchParameter-x.json");
	}

	@Test
	void unpackedPackageFolderKeepsItsOwnManifest() throws IOException {
		Path packageDir = Files.createDirectories(tmp.resolve("package"));
		Files.writeString(packageDir.resolve("package.json"),
				"{\"name\":\"own.name\",\"version\":\"2.0.0\",\"fhirVersions\":[\"4.0.1\"]}");
		Files.writeString(packageDir.resolve("ValueSet-y.json"), "{\"resourceType\":\"ValueSet\",\"id\":\"y\"}");

		PackageInstallationSpec spec = FhirPackageInstaller.specFor(new FhirPackage("own.name", "2.0.0", tmp.toString()));
		NpmPackage npm = NpmPackage.fromPackage(new ByteArrayInputStream(spec.getPackageContents()));

		assertThat(npm.name()).isEqualTo("own.name");
		assertThat(npm.list("package")).contains("ValueSet-y.json");
	}
}
