package org.sdoh.hub.directory.hsds;

import java.util.Locale;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/** The {@code Parameters} an import answers with: the final summary, or where a background import stands. */
final class ImportResults {

	private ImportResults() {}

	/** {@code received}, {@code stored}, {@code rejectedCount} and one {@code rejected} (table, id, reason) per record. */
	static Parameters summary(HsdsImporter.Summary summary) {
		Parameters result = new Parameters();
		result.addParameter("received", new IntegerType(summary.received()));
		result.addParameter("stored", new IntegerType(summary.stored()));
		result.addParameter("rejectedCount", new IntegerType(summary.rejected().size()));
		for (RejectedRecord rejected : summary.rejected()) {
			Parameters.ParametersParameterComponent part = result.addParameter().setName("rejected");
			part.addPart().setName("table").setValue(new StringType(rejected.table()));
			part.addPart().setName("id").setValue(new StringType(rejected.id()));
			part.addPart().setName("reason").setValue(new StringType(rejected.reason()));
		}
		return result;
	}

	/** A background import not finished yet: {@code status} (queued, running), rows received, resources done of total, rejected so far. */
	static Parameters progress(HsdsImportJobs.Status status) {
		Parameters result = new Parameters();
		result.addParameter("status", new StringType(status.state().name().toLowerCase(Locale.ROOT)));
		result.addParameter("received", new IntegerType(status.received()));
		result.addParameter("done", new IntegerType(status.done()));
		result.addParameter("total", new IntegerType(status.total()));
		result.addParameter("rejectedCount", new IntegerType(status.rejected()));
		return result;
	}

	/** The FHIR asynchronous pattern's {@code X-Progress} header, for people watching with curl. */
	static String progressHeader(HsdsImportJobs.Status status) {
		return status.state() == HsdsImportJobs.State.QUEUED ? "queued"
				: String.format(Locale.ROOT, "%d of %d resources handled (%d%%), %d records rejected", status.done(), status.total(),
						status.total() == 0 ? 0 : 100L * status.done() / status.total(), status.rejected());
	}
}
