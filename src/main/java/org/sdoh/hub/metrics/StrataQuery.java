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
 * acceptance band). H2, the quick start's database, has no GROUPING SETS; it gets the same groupings
 * as {@code UNION ALL} branches with the id as a literal, so both return identical rows.
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
		String aggregated = aggregates.stream().map(Aggregate::sql).collect(Collectors.joining(", "));
		String order = " ORDER BY " + String.join(", ", prepend("grouping_id", columns));
		if (dialect == Dialect.GROUPING_SETS) {
			String sets = groupings().stream()
					.map(g -> "(" + g.map(s -> String.join(", ", s.columns())).orElse("") + ")")
					.collect(Collectors.joining(", "));
			String keys = columns.isEmpty() ? "0" : "GROUPING(" + String.join(", ", columns) + ")";
			return "SELECT " + String.join(", ", prepend(keys + " AS grouping_id", columns)) + ", " + aggregated
					+ " FROM " + table + " WHERE " + where + " GROUP BY GROUPING SETS (" + sets + ")" + order;
		}
		return groupings().stream().map(g -> {
			List<String> selected = columns.stream()
					.map(c -> g.filter(s -> s.columns().contains(c)).isPresent() ? c : "CAST(NULL AS VARCHAR(250)) AS " + c)
					.toList();
			String groupBy = g.map(s -> " GROUP BY " + String.join(", ", s.columns())).orElse("");
			return "SELECT " + String.join(", ", prepend(groupingId(g) + " AS grouping_id", selected)) + ", " + aggregated
					+ " FROM " + table + " WHERE " + where + groupBy;
		}).collect(Collectors.joining(" UNION ALL ")) + order;
	}

	/** The condition's values once per scan: once for GROUPING SETS, once per UNION ALL branch. */
	Object[] arguments(Dialect dialect, List<Object> whereValues) {
		int repeats = dialect == Dialect.GROUPING_SETS ? 1 : groupings().size();
		List<Object> all = new ArrayList<>();
		for (int i = 0; i < repeats; i++) {
			all.addAll(whereValues);
		}
		return all.toArray();
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
