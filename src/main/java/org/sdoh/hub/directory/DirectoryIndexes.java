package org.sdoh.hub.directory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Start-up step: indexes on HAPI's tables that {@link ServiceLocator}'s query needs and HAPI does
 * not create. {@code CREATE INDEX IF NOT EXISTS} (PostgreSQL and H2), so it is idempotent and a
 * database that has them is untouched; it runs before the port opens, so building one on an existing
 * directory blocks no client. Plain SQL beside HAPI's schema, like the metrics projection table:
 * HAPI's {@code hbm2ddl=update} leaves indexes it does not know alone.
 */
@Component
public class DirectoryIndexes {

	private static final Logger LOG = LoggerFactory.getLogger(DirectoryIndexes.class);

	/**
	 * HAPI indexes HFJ_RES_LINK by source (alone) and by target, so "the Locations of these services"
	 * was a scan of every link filtered by path. With this index it is an index-only merge with the
	 * token index (measured at 50,000 services: see README, Benchmark).
	 */
	static final String SERVICE_LOCATION_LINKS = "CREATE INDEX IF NOT EXISTS sdoh_idx_rl_path_src_tgt"
			+ " ON HFJ_RES_LINK (SRC_PATH, SRC_RESOURCE_ID, TARGET_RESOURCE_ID)";

	/**
	 * HAPI indexes HFJ_SPIDX_COORDS by parameter and position and by resource alone, so the
	 * coordinates of the few Locations whose services match were read from the table row by row
	 * (or the whole table hashed). With this index each is an index-only probe.
	 */
	static final String LOCATION_POSITIONS = "CREATE INDEX IF NOT EXISTS sdoh_idx_coords_res_pos"
			+ " ON HFJ_SPIDX_COORDS (RES_ID, HASH_IDENTITY, SP_LATITUDE, SP_LONGITUDE)";

	private final JdbcTemplate jdbc;

	public DirectoryIndexes(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public void createIfMissing() {
		long start = System.nanoTime();
		jdbc.execute(SERVICE_LOCATION_LINKS);
		jdbc.execute(LOCATION_POSITIONS);
		LOG.info("Directory indexes in place ({} ms)", (System.nanoTime() - start) / 1_000_000);
	}
}
