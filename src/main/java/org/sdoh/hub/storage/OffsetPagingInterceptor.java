package org.sdoh.hub.storage;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;

/**
 * Runs searches as offset-paged queries (HAPI's {@code _offset} mode) unless the client asked for
 * something else. HAPI's default is to register every search in the database (HFJ_SEARCH and one
 * row per result id, prefetched far beyond the page) so that later pages come from that snapshot;
 * for the worklist polls CBO systems send every few minutes that is most of the cost of a search
 * and leaves rows for a cleanup job. With offset paging a page is one SQL query with LIMIT/OFFSET,
 * always current, and "next" links carry {@code _offset}. A client that wants a stable snapshot
 * for a long result set sends {@code _offset} itself or uses {@code Prefer: handling=...} as usual;
 * this only fills in {@code _offset=0} when the client gave no paging parameter, and never for
 * full-text searches.
 */
@Interceptor
public class OffsetPagingInterceptor {

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void useOffsetPaging(RequestDetails request, RestOperationTypeEnum operation) {
		if (operation != RestOperationTypeEnum.SEARCH_TYPE && operation != RestOperationTypeEnum.SEARCH_SYSTEM) {
			return;
		}
		if (request.getParameters().containsKey(Constants.PARAM_OFFSET)
				|| request.getParameters().containsKey(Constants.PARAM_PAGINGACTION)
				|| isFullText(request)) {
			return;
		}
		request.addParameter(Constants.PARAM_OFFSET, new String[] {"0"});
	}

	/**
	 * Full-text searches keep HAPI's chunked paging: in offset mode HAPI asks Lucene for every match
	 * at once, which costs seconds when a word matches thousands of resources.
	 */
	private static boolean isFullText(RequestDetails request) {
		return request.getParameters().containsKey(Constants.PARAM_CONTENT)
				|| request.getParameters().containsKey(Constants.PARAM_TEXT);
	}
}
