package org.sdoh.hub.directory;

import org.junit.jupiter.api.BeforeEach;
import org.sdoh.hub.support.FhirServerTestBase;

/**
 * The shared server, with a client that waits long enough for the first writes of a fresh server
 * (validator warm-up on a busy machine takes longer than the client's default 10 s).
 */
abstract class DirectoryTestBase extends FhirServerTestBase {

	@BeforeEach
	void clientWithLongerTimeout() {
		fhirContext.getRestfulClientFactory().setSocketTimeout(120_000);
		client = fhirContext.newRestfulGenericClient(baseUrl());
	}
}
