package org.sdoh.hub.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.param.DateRangeParam;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail's storage: an append-only table of AuditEvents (as HAPI encodes them) plus a table
 * of the references auditors search by (agent, patient, entity).
 *
 * <p>Why not HAPI's resource tables: BALP records one event per read, search and write, so storing
 * them as ordinary resources doubled the work of every request (versions, ~20 search indexes, full
 * text, subscription matching — measured: referral transactions at half the rate). An audit trail is
 * written once, never updated, and read by a handful of criteria; IHE BALP expects it in a separate
 * audit record repository anyway. Plain SQL that PostgreSQL and H2 both run, created at start-up if
 * missing; {@link AuditEventProvider} serves it as the FHIR {@code AuditEvent} endpoint.
 */
public class AuditEventStore {

	static final String EVENTS = "sdoh_audit_event";
	static final String REFERENCES = "sdoh_audit_ref";

	/** The reference kinds indexed for search (the {@code role} column). */
	enum Role { AGENT, PATIENT, ENTITY }

	/** What an auditor asks for; empty fields do not filter. */
	public record Criteria(DateRangeParam recorded, Optional<String> agent, Optional<String> patient, Optional<String> entity,
			Optional<String> subtype, Optional<String> outcome) {}

	/** No filter: the whole trail. */
	public static Criteria everything() {
		return new Criteria(null, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
	}

	private final JdbcTemplate jdbc;
	private final TransactionTemplate transactions;
	private final FhirContext fhirContext;

	public AuditEventStore(JdbcTemplate jdbc, TransactionTemplate transactions, FhirContext fhirContext) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.fhirContext = fhirContext;
	}

	public void createTablesIfMissing() {
		jdbc.execute("CREATE TABLE IF NOT EXISTS " + EVENTS + " (id VARCHAR(64) PRIMARY KEY,"
				+ " recorded TIMESTAMP WITH TIME ZONE NOT NULL, subtype VARCHAR(64), outcome VARCHAR(4), resource VARCHAR NOT NULL)");
		jdbc.execute("CREATE INDEX IF NOT EXISTS " + EVENTS + "_recorded ON " + EVENTS + " (recorded)");
		jdbc.execute("CREATE TABLE IF NOT EXISTS " + REFERENCES + " (event_id VARCHAR(64) NOT NULL,"
				+ " role VARCHAR(8) NOT NULL, ref VARCHAR(250) NOT NULL)");
		jdbc.execute("CREATE INDEX IF NOT EXISTS " + REFERENCES + "_ref ON " + REFERENCES + " (ref, role, event_id)");
	}

	/** Stores the events in one transaction, assigning ids; each gets meta.versionId 1 and lastUpdated. */
	public void storeAll(List<AuditEvent> events) {
		IParser parser = fhirContext.newJsonParser();
		List<Object[]> rows = new ArrayList<>(events.size());
		List<Object[]> references = new ArrayList<>();
		Date now = new Date();
		for (AuditEvent event : events) {
			String id = UUID.randomUUID().toString();
			event.setId(id);
			event.getMeta().setVersionId("1").setLastUpdated(now);
			Date recorded = event.hasRecorded() ? event.getRecorded() : now;
			rows.add(new Object[] {id, new Timestamp(recorded.getTime()),
					event.hasSubtype() ? event.getSubtypeFirstRep().getCode() : null,
					event.hasOutcome() ? event.getOutcome().toCode() : null,
					parser.encodeResourceToString(event)});
			event.getAgent().forEach(agent -> addReference(references, id, Role.AGENT, agent.getWho()));
			event.getEntity().forEach(entity -> {
				addReference(references, id, Role.ENTITY, entity.getWhat());
				if ("Patient".equals(entity.getWhat().getReferenceElement().getResourceType())) {
					addReference(references, id, Role.PATIENT, entity.getWhat());
				}
			});
		}
		transactions.executeWithoutResult(status -> {
			jdbc.batchUpdate("INSERT INTO " + EVENTS + " (id, recorded, subtype, outcome, resource) VALUES (?, ?, ?, ?, ?)", rows);
			jdbc.batchUpdate("INSERT INTO " + REFERENCES + " (event_id, role, ref) VALUES (?, ?, ?)", references);
		});
	}

	private static void addReference(List<Object[]> references, String id, Role role, Reference reference) {
		if (reference.hasReference() && !reference.getReferenceElement().isAbsolute()) {
			String value = reference.getReferenceElement().toUnqualifiedVersionless().getValue();
			if (value.length() <= 250) {
				references.add(new Object[] {id, role.name(), value});
			}
		}
	}

	public Optional<AuditEvent> read(String id) {
		return jdbc.query("SELECT resource FROM " + EVENTS + " WHERE id = ?", (rs, n) -> parse(rs.getString(1)), id)
				.stream().findFirst();
	}

	/** Matching events, newest first. */
	public List<AuditEvent> search(Criteria criteria, int offset, int count) {
		Query query = Query.of(criteria);
		List<Object> args = new ArrayList<>(query.args());
		args.add(count);
		args.add(offset);
		return jdbc.query("SELECT resource FROM " + EVENTS + " e" + query.where() + " ORDER BY recorded DESC, id LIMIT ? OFFSET ?",
				(rs, n) -> parse(rs.getString(1)), args.toArray());
	}

	public int count(Criteria criteria) {
		Query query = Query.of(criteria);
		Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM " + EVENTS + " e" + query.where(), Integer.class,
				query.args().toArray());
		return count == null ? 0 : count;
	}

	private AuditEvent parse(String json) {
		return fhirContext.newJsonParser().parseResource(AuditEvent.class, json);
	}

	/** A WHERE clause with its arguments; every value is a bind parameter. */
	private record Query(String where, List<Object> args) {

		static Query of(Criteria criteria) {
			List<String> conditions = new ArrayList<>();
			List<Object> args = new ArrayList<>();
			DateRangeParam recorded = criteria.recorded();
			if (recorded != null && recorded.getLowerBoundAsInstant() != null) {
				conditions.add("e.recorded >= ?");
				args.add(new Timestamp(recorded.getLowerBoundAsInstant().getTime()));
			}
			if (recorded != null && recorded.getUpperBoundAsInstant() != null) {
				conditions.add("e.recorded <= ?");
				args.add(new Timestamp(recorded.getUpperBoundAsInstant().getTime()));
			}
			reference(conditions, args, Role.AGENT, criteria.agent());
			reference(conditions, args, Role.PATIENT, criteria.patient());
			reference(conditions, args, Role.ENTITY, criteria.entity());
			criteria.subtype().ifPresent(code -> {
				conditions.add("e.subtype = ?");
				args.add(code);
			});
			criteria.outcome().ifPresent(code -> {
				conditions.add("e.outcome = ?");
				args.add(code);
			});
			return new Query(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), args);
		}

		private static void reference(List<String> conditions, List<Object> args, Role role, Optional<String> value) {
			value.ifPresent(reference -> {
				conditions.add("EXISTS (SELECT 1 FROM " + REFERENCES + " r WHERE r.ref = ? AND r.role = ? AND r.event_id = e.id)");
				args.add(reference);
				args.add(role.name());
			});
		}
	}
}
