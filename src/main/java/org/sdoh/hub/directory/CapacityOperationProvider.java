package org.sdoh.hub.directory;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * {@code POST HealthcareService/{id}/$set-capacity}: the one small request a CBO sends when its
 * capacity changes. It is an ordinary update of the service (a new version: the history of capacity
 * changes is the resource history, and Subscriptions on HealthcareService see it).
 */
@Component
public class CapacityOperationProvider {

	public static final String NAME = "$set-capacity";

	private final DaoRegistry daoRegistry;

	public CapacityOperationProvider(DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	@Operation(name = NAME, type = HealthcareService.class)
	public HealthcareService setCapacity(
			@IdParam IdType id,
			@OperationParam(name = "status", min = 1, max = 1) CodeType status,
			@OperationParam(name = "notes", max = 1) StringType notes,
			@OperationParam(name = "openSlots", max = 1) IntegerType openSlots,
			@OperationParam(name = "waitlistLength", max = 1) IntegerType waitlistLength,
			RequestDetails request) {
		CapacityStatus capacity = CapacityStatus.fromCode(status == null ? null : status.getValue())
				.orElseThrow(() -> new InvalidRequestException("status must be one of "
						+ Arrays.stream(CapacityStatus.values()).map(CapacityStatus::code).collect(Collectors.joining(", "))
						+ ", got '" + (status == null ? "" : status.getValue()) + "'"));
		CapacityReport report = new CapacityReport(capacity, notes == null ? null : notes.getValue(),
				count("openSlots", openSlots), count("waitlistLength", waitlistLength));
		IFhirResourceDao<HealthcareService> services = daoRegistry.getResourceDao(HealthcareService.class);
		HealthcareService service = services.read(id.toUnqualifiedVersionless(), request);
		report.applyTo(service);
		services.update(service, request);
		return services.read(id.toUnqualifiedVersionless(), request);
	}

	private static Integer count(String name, IntegerType value) {
		if (value == null || value.getValue() == null) {
			return null;
		}
		if (value.getValue() < 0) {
			throw new InvalidRequestException(name + " must not be negative, got " + value.getValue());
		}
		return value.getValue();
	}
}
