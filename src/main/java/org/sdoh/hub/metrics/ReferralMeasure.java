package org.sdoh.hub.metrics;

import static org.sdoh.hub.metrics.Aggregate.*;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The referral measures: what each group counts and scores, and how it may be stratified. The
 * FHIR Measure resources in {@code ig/measures/} describe the same in words, under the same ids and
 * codes (a test keeps the two in step).
 */
public enum ReferralMeasure {
	VOLUME("referral-volume", "cohort",
			List.of(Group.cohort("referrals", REFERRALS)),
			List.of(Stratifier.OWNER, Stratifier.REQUESTER, Stratifier.DOMAIN, Stratifier.MONTH, Stratifier.WEEK, Stratifier.MONTH_DOMAIN)),
	RESPONSE("referral-response", "proportion",
			List.of(Group.share("accepted", ACCEPTED), Group.share("rejected", REJECTED), Group.share("cancelled", CANCELLED)),
			Stratifiers.STANDARD),
	REASONS("referral-reasons", "cohort",
			List.of(Group.cohort("rejected", REJECTED), Group.cohort("cancelled", CANCELLED)),
			List.of(Stratifier.REASON)),
	CLOSED_LOOP("referral-closed-loop", "proportion",
			List.of(Group.share("closed-loop", Aggregate.CLOSED_LOOP)),
			Stratifiers.STANDARD),
	RESPONSE_TIMES("referral-response-times", "continuous-variable",
			List.of(
					Group.duration("accept-median-hours", ACCEPT_TIMED, ACCEPT_HOURS_MEDIAN, Unit.HOURS),
					Group.duration("accept-p90-hours", ACCEPT_TIMED, ACCEPT_HOURS_P90, Unit.HOURS),
					Group.duration("accept-median-business-days", ACCEPT_TIMED, ACCEPT_DAYS_MEDIAN, Unit.BUSINESS_DAYS),
					Group.duration("accept-p90-business-days", ACCEPT_TIMED, ACCEPT_DAYS_P90, Unit.BUSINESS_DAYS),
					Group.duration("complete-median-hours", COMPLETE_TIMED, COMPLETE_HOURS_MEDIAN, Unit.HOURS),
					Group.duration("complete-p90-hours", COMPLETE_TIMED, COMPLETE_HOURS_P90, Unit.HOURS),
					Group.duration("complete-median-business-days", COMPLETE_TIMED, COMPLETE_DAYS_MEDIAN, Unit.BUSINESS_DAYS),
					Group.duration("complete-p90-business-days", COMPLETE_TIMED, COMPLETE_DAYS_P90, Unit.BUSINESS_DAYS)),
			Stream.concat(Stratifiers.STANDARD.stream(), Stream.of(Stratifier.RESPONSE_BAND)).toList()),
	UNANSWERED("referral-unanswered", "proportion",
			List.of(Group.share("overdue", OVERDUE)),
			Stratifiers.STANDARD);

	public static final String CANONICAL_BASE = "http://sdoh-referral-hub.org/fhir/Measure/";
	public static final String GROUP_SYSTEM = "http://sdoh-referral-hub.org/fhir/CodeSystem/referral-measure-group";

	private final String id;
	private final String scoring;
	private final List<Group> groups;
	private final List<Stratifier> stratifiers;

	ReferralMeasure(String id, String scoring, List<Group> groups, List<Stratifier> stratifiers) {
		this.id = id;
		this.scoring = scoring;
		this.groups = groups;
		this.stratifiers = stratifiers;
	}

	public static Optional<ReferralMeasure> byId(String id) {
		return Stream.of(values()).filter(m -> m.id.equals(id)).findFirst();
	}

	public String id() {
		return id;
	}

	public String url() {
		return CANONICAL_BASE + id;
	}

	/** The MeasureScoring code of the Measure resource (cohort, proportion, continuous-variable). */
	public String scoring() {
		return scoring;
	}

	public List<Group> groups() {
		return groups;
	}

	public List<Stratifier> stratifiers() {
		return stratifiers;
	}

	/** Everything one query per stratum has to compute; the referral count always (it decides suppression). */
	public Set<Aggregate> aggregates() {
		Set<Aggregate> needed = new LinkedHashSet<>(List.of(REFERRALS));
		groups.forEach(g -> needed.addAll(g.aggregates()));
		return needed;
	}

	public enum Unit {
		HOURS("h", "hours"),
		/** Not a UCUM unit: a business day is 24 weekday hours ({@link BusinessDuration}). */
		BUSINESS_DAYS(null, "business days");

		private final String ucum;
		private final String display;

		Unit(String ucum, String display) {
			this.ucum = ucum;
			this.display = display;
		}

		public Optional<String> ucum() {
			return Optional.ofNullable(ucum);
		}

		public String display() {
			return display;
		}
	}

	/** A population of a group: its measure-population code and what it counts. */
	public record Population(String code, Aggregate count) {}

	/**
	 * A group: its populations and, where it has one, its score: numerator / denominator for
	 * proportions, a duration statistic for continuous variables, none for cohorts.
	 */
	public record Group(String code, List<Population> populations, Optional<Aggregate> scoreValue, Optional<Unit> unit) {

		static Group cohort(String code, Aggregate count) {
			return new Group(code, List.of(new Population("initial-population", count)), Optional.empty(), Optional.empty());
		}

		/** numerator / all referrals sent in the period. */
		static Group share(String code, Aggregate numerator) {
			return new Group(code,
					List.of(new Population("initial-population", REFERRALS), new Population("denominator", REFERRALS),
							new Population("numerator", numerator)),
					Optional.empty(), Optional.empty());
		}

		static Group duration(String code, Aggregate timed, Aggregate statistic, Unit unit) {
			return new Group(code, List.of(new Population("initial-population", REFERRALS), new Population("measure-population", timed)),
					Optional.of(statistic), Optional.of(unit));
		}

		/** Cohorts only count; proportions and durations have a score. */
		public boolean hasScore() {
			return isProportion() || scoreValue.isPresent();
		}

		public boolean isProportion() {
			return populations.stream().anyMatch(p -> p.code().equals("numerator"));
		}

		public Aggregate population(String code) {
			return populations.stream().filter(p -> p.code().equals(code)).findFirst().orElseThrow().count();
		}

		/** A stratum is reported when this first population has members (a reason nobody gave is no stratum). */
		public Aggregate basePopulation() {
			return populations.get(0).count();
		}

		Set<Aggregate> aggregates() {
			Set<Aggregate> needed = EnumSet.noneOf(Aggregate.class);
			populations.forEach(p -> needed.add(p.count()));
			scoreValue.ifPresent(needed::add);
			return needed;
		}
	}

	/** Holder so the enum constants can share one list (an enum cannot refer to its own static fields). */
	private static final class Stratifiers {
		static final List<Stratifier> STANDARD =
				List.of(Stratifier.OWNER, Stratifier.REQUESTER, Stratifier.DOMAIN, Stratifier.MONTH, Stratifier.WEEK);
	}
}
