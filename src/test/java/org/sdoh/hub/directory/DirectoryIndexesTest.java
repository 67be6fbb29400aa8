package org.sdoh.hub.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.FhirServerTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The indexes $find needs are created at start-up, and creating them again changes nothing. */
class DirectoryIndexesTest extends FhirServerTestBase {

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private DirectoryIndexes indexes;

	@Test
	void theLinkAndPositionIndexesExistOnceAndStartUpCanRunAgain() {
		indexes.createIfMissing();

		List<String> definitions = jdbc.queryForList(
				"select indexdef from pg_indexes where tablename = 'hfj_res_link' and indexname = 'sdoh_idx_rl_path_src_tgt'", String.class);
		assertThat(definitions).containsExactly(
				"CREATE INDEX sdoh_idx_rl_path_src_tgt ON public.hfj_res_link USING btree (src_path, src_resource_id, target_resource_id)");
		assertThat(jdbc.queryForList(
				"select indexdef from pg_indexes where tablename = 'hfj_spidx_coords' and indexname = 'sdoh_idx_coords_res_pos'", String.class))
				.containsExactly("CREATE INDEX sdoh_idx_coords_res_pos ON public.hfj_spidx_coords"
						+ " USING btree (res_id, hash_identity, sp_latitude, sp_longitude)");
	}
}
