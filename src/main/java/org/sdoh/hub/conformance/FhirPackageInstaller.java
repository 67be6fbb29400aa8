package org.sdoh.hub.conformance;

import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.jpa.packages.PackageInstallOutcomeJson;
import ca.uhn.fhir.jpa.packages.PackageInstallationSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sdoh.hub.app.SdohProperties;
import org.sdoh.hub.app.SdohProperties.FhirPackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Installs the FHIR packages listed in {@code sdoh.packages} with HAPI's package installer: from the
 * FHIR package registry by name#version, or offline from a local .tgz or folder. Installing an
 * installed package again is a no-op, so this runs on every start.
 */
@Component
public class FhirPackageInstaller {

	private static final Logger LOG = LoggerFactory.getLogger(FhirPackageInstaller.class);

	private final IPackageInstallerSvc installer;
	private final SdohProperties properties;

	public FhirPackageInstaller(IPackageInstallerSvc installer, SdohProperties properties) {
		this.installer = installer;
		this.properties = properties;
	}

	public void installConfiguredPackages() {
		for (FhirPackage fhirPackage : properties.packages()) {
			PackageInstallOutcomeJson outcome = installer.install(specFor(fhirPackage));
			LOG.info("FHIR package {} installed: {}", fhirPackage.id(), outcome.getResourcesInstalled());
		}
	}

	static PackageInstallationSpec specFor(FhirPackage fhirPackage) {
		PackageInstallationSpec spec = new PackageInstallationSpec()
				.setName(fhirPackage.name())
				.setVersion(fhirPackage.version())
				.setInstallMode(PackageInstallationSpec.InstallModeEnum.STORE_AND_INSTALL)
				// Dependencies (US Core, ...) are listed explicitly by the site: an offline site
				// cannot fetch them, and an online one should pin what it runs.
				.setFetchDependencies(false);
		String location = fhirPackage.location();
		if (location.isBlank()) {
			return spec; // fetched from the package registry
		}
		if (location.startsWith("classpath:") || location.startsWith("file:") || location.startsWith("http")) {
			return spec.setPackageUrl(location);
		}
		Path path = Path.of(location).toAbsolutePath().normalize();
		if (Files.isDirectory(path)) {
			return spec.setPackageContents(readFolder(fhirPackage, path));
		}
		if (!Files.isRegularFile(path)) {
			throw new IllegalStateException("sdoh.packages: " + fhirPackage.id() + " location " + path
					+ " is neither a .tgz file nor a folder");
		}
		return spec.setPackageUrl(path.toUri().toString());
	}

	private static byte[] readFolder(FhirPackage fhirPackage, Path folder) {
		try {
			return PackageFolderArchiver.toTgz(fhirPackage.name(), fhirPackage.version(), folder);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read package folder " + folder, e);
		}
	}
}
