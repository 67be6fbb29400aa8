package org.sdoh.hub.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one SQL statement that computes a measure's aggregates for the whole group and for every
 * stratum of every stratifier: each result row carries a {@code grouping_id} telling which grouping
 * it belongs to, then every stratifier column (NULL where the row's grouping does not use it), then
 * the aggregates.
 *
 * <p>PostgreSQL gets {@code GROUP BY GROUPING SETS}: one scan of the projection for all groupings
 * (the cheap measures hash all of them in one pass) instead of one query per stratifier, and
 * {@code GROUPING()} as the id, because a stratifier column can itself be NULL (no reason, no
 * acceptance band). Percentiles cannot be hashed: PostgreSQL sorts every row once per grouping for
 * them, most of the response-time measure's cost (at 100,000 referrals ~0.75 s of database CPU,
 * against ~0.1 s for each counting measure). So when a measure has both, the counts get their own
 * hashed branch over all rows and the percentiles a sorted branch over only the rows with a
 * duration (referrals never accepted have none), joined by {@code UNION ALL} (~0.65 s): a stratum
 * then comes as two rows, one with the counts and one with the percentiles (NULL in the other's
 * columns), adjacent in the order. PostgreSQL may run the two branches in parallel workers.
 *
 * <p>H2, the quick start's database, has no GROUPING SETS; it gets the same groupings as
 * {@code UNION ALL} branches with the id as a literal, one row per stratum.
 */
final class StrataQuery {

	enum Dialect { GROUPING_SETS, UNION_ALL }

	private final List<Aggregate> aggregates;
	private final List<Stratifier> stratifiers;
	/** Every stratifier column once, multi-column stratifiers' first, so their column order is also the sort order. */
	private final List<String> columns;

	StrataQuery(List<Aggregate> aggregates, List<Stratifier> stratifiers) {
		this.aggregates = List.copyOf(aggregates);
		this.stratifiers = List.copyOf(stratifiers);
		this.columns = stratifiers.stream()
				.sorted(Comparator.comparingInt((Stratifier s) -> -s.columns().size()))
				.flatMap(s -> s.columns().stream())
				.distinct()
				.toList();
	}

	List<Aggregate> aggregates() {
		return aggregates;
	}

	List<String> columns() {
		return columns;
	}

	/**
	 * The id of a grouping's rows, as PostgreSQL's {@code GROUPING(all columns)} computes it: one bit
	 * per column, the first column the most significant, set where the grouping does not use the
	 * column. The whole group ({@code Optional.empty()}) has every bit set.
	 */
	int groupingId(Optional<Stratifier> stratifier) {
		int id = 0;
		for (String column : columns) {
			id = (id << 1) | (stratifier.map(s -> s.columns().contains(column)).orElse(false) ? 0 : 1);
		}
		return id;
	}

	/** The statement for {@code where} (a condition with ? placeholders); {@link #arguments} repeats its values as the dialect needs. */
	String sql(Dialect dialect, String table, String where) {
		String order = " ORDER BY " + String.join(", ", prepend("grouping_id", columns));
		if (dialect == Dialect.GROUPING_SETS) {
			return branches().stream()
					.map(branch -> groupingSets(branch, table, branch.where(where)))
					.collect(Collectors.joining(" UNION ALL ")) + order;
		}
		String aggregated = aggregates.stream().map(Aggregate::sql).collect(Collectors.joining(", "));
		return groupings().stream().map(g -> {
			List<String> selected = columns.stream()
					.map(c -> g.filter(s -> s.columns().contains(c)).isPresent() ? c : "CAST(NULL AS VARCHAR(250)) AS " + c)
					.toList();
			String groupBy = g.map(s -> " GROUP BY " + String.join(", ", s.columns())).orElse("");
			return "SELECT " + String.join(", ", prepend(groupingId(g) + " AS grouping_id", selected)) + ", " + aggregated
					+ " FROM " + table + " WHERE " + where + groupBy;
		}).collect(Collectors.joining(" UNION ALL ")) + order;
	}

	/** The condition's values once per scan: once per GROUPING SETS branch, once per H2 UNION ALL branch. */
	Object[] arguments(Dialect dialect, List<Object> whereValues) {
		int repeats = dialect == Dialect.GROUPING_SETS ? branches().size() : groupings().size();
		List<Object> all = new ArrayList<>();
		for (int i = 0; i < repeats; i++) {
			all.addAll(whereValues);
		}
		return all.toArray();
	}

	/** One GROUPING SETS select of the branch's aggregates (the other aggregates' columns NULL) over the rows {@code where} selects. */
	private String groupingSets(Branch branch, String table, String where) {
		String sets = groupings().stream()
				.map(g -> "(" + g.map(s -> String.join(", ", s.columns())).orElse("") + ")")
				.collect(Collectors.joining(", "));
		String keys = columns.isEmpty() ? "0" : "GROUPING(" + String.join(", ", columns) + ")";
		String aggregated = aggregates.stream()
				.map(a -> branch.computed().contains(a) ? a.sql() : "NULL")
				.collect(Collectors.joining(", "));
		return "SELECT " + String.join(", ", prepend(keys + " AS grouping_id", columns)) + ", " + aggregated
				+ " FROM " + table + " WHERE " + where + " GROUP BY GROUPING SETS (" + sets + ")";
	}

	/** Counts and percentiles apart when the measure has both (see the class comment), else one branch with all. */
	private List<Branch> branches() {
		List<Aggregate> counted = aggregates.stream().filter(a -> a.sortedColumn().isEmpty()).toList();
		List<Aggregate> sorted = aggregates.stream().filter(a -> a.sortedColumn().isPresent()).toList();
		if (counted.isEmpty() || sorted.isEmpty()) {
			return List.of(new Branch(aggregates, ""));
		}
		String anyValue = sorted.stream().map(a -> a.sortedColumn().orElseThrow() + " IS NOT NULL").distinct()
				.collect(Collectors.joining(" OR "));
		return List.of(new Branch(counted, ""), new Branch(sorted, anyValue));
	}

	/** Aggregates computed together, over the rows the statement's condition and {@code condition} (if any) select. */
	private record Branch(List<Aggregate> computed, String condition) {

		String where(String statementCondition) {
			return condition.isEmpty() ? statementCondition : "(" + statementCondition + ") AND (" + condition + ")";
		}
	}

	/** The whole group first, then each stratifier. */
	List<Optional<Stratifier>> groupings() {
		List<Optional<Stratifier>> all = new ArrayList<>(List.of(Optional.empty()));
		stratifiers.forEach(s -> all.add(Optional.of(s)));
		return all;
	}

	private static List<String> prepend(String first, List<String> rest) {
		List<String> all = new ArrayList<>(List.of(first));
		all.addAll(rest);
		return all;
	}
}
