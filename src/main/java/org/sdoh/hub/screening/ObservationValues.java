package org.sdoh.hub.screening;

import java.util.Optional;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.TimeType;
import org.hl7.fhir.r4.model.Type;

/**
 * An answer of a QuestionnaireResponse as Observation.value: a coded answer becomes a CodeableConcept,
 * a number with a unit on its question (SDC questionnaire-unit) a UCUM Quantity, as the IG's
 * StructureMaps do. Answer types Observation.value cannot hold (Reference, Attachment, uri) give none.
 */
final class ObservationValues {

	private ObservationValues() {}

	static Optional<Type> of(Type answer, Coding unit) {
		if (answer instanceof Coding coding) {
			return Optional.of(new CodeableConcept(coding.copy()));
		}
		if (unit != null && (answer instanceof IntegerType || answer instanceof DecimalType)) {
			Quantity quantity = new Quantity().setUnit(unit.hasDisplay() ? unit.getDisplay() : unit.getCode())
					.setSystem(unit.getSystem()).setCode(unit.getCode());
			quantity.setValueElement(new DecimalType(answer.primitiveValue()));
			return Optional.of(quantity);
		}
		if (answer instanceof DecimalType decimal) {
			return Optional.of(new Quantity().setValueElement(decimal.copy()));
		}
		if (answer instanceof DateType date) {
			return Optional.of(new DateTimeType(date.getValueAsString()));
		}
		if (answer instanceof IntegerType || answer instanceof StringType || answer instanceof BooleanType
				|| answer instanceof DateTimeType || answer instanceof TimeType) {
			return Optional.of(answer.copy());
		}
		return Optional.empty();
	}
}
