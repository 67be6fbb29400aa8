package org.sdoh.hub.directory;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.sdoh.hub.app.SdohProperties;
import org.sdoh.hub.directory.GeoDistance.Point;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriBuilder;

/**
 * Asks a Nominatim-compatible geocoder (OpenStreetMap's Nominatim, self-hosted or a service with the
 * same API) for the first match of a structured address: {@code GET {url}/search?format=jsonv2&limit=1
 * &street=&city=&state=&postalcode=&country=} answering {@code [{"lat": "..", "lon": ".."}]}. Off unless
 * {@code sdoh.directory.geocoder.url} is set. A geocoder that fails or times out counts as "not found"
 * (logged): the navigator can still give coordinates.
 */
@Component
public class NominatimGeocoder {

	private static final Logger LOG = LoggerFactory.getLogger(NominatimGeocoder.class);

	private final SdohProperties.Geocoder settings;
	private final RestClient client;

	public NominatimGeocoder(SdohProperties properties, RestClient.Builder builder) {
		this.settings = properties.directory().geocoder();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(settings.timeout()).build());
		requests.setReadTimeout(settings.timeout());
		this.client = builder.clone().requestFactory(requests).defaultHeader("User-Agent", settings.userAgent()).build();
	}

	public boolean enabled() {
		return settings.enabled();
	}

	public Optional<Point> geocode(AddressQuery address) {
		try {
			JsonNode results = client.get().uri(settings.url(), uri -> query(uri, address)).retrieve().body(JsonNode.class);
			if (results == null || !results.isArray() || results.isEmpty()) {
				return Optional.empty();
			}
			JsonNode first = results.get(0);
			// Nominatim writes coordinates as strings
			return Optional.of(new Point(Double.parseDouble(first.path("lat").asText()), Double.parseDouble(first.path("lon").asText())));
		} catch (RestClientException | NumberFormatException e) {
			LOG.warn("Geocoder {} did not resolve {}: {}", settings.url(), address.describe(), e.getMessage());
			return Optional.empty();
		}
	}

	/** Values go in as URI variables, so they are encoded whatever they contain (a brace, an ampersand). */
	private static URI query(UriBuilder uri, AddressQuery address) {
		uri.path("/search").queryParam("format", "jsonv2").queryParam("limit", 1);
		Map<String, String> values = new HashMap<>();
		param(uri, values, "street", address.line());
		param(uri, values, "city", address.city());
		param(uri, values, "state", address.state());
		param(uri, values, "postalcode", address.postalCode());
		param(uri, values, "country", address.country());
		return uri.build(values);
	}

	private static void param(UriBuilder uri, Map<String, String> values, String name, String value) {
		if (value != null) {
			uri.queryParam(name, "{" + name + "}");
			values.put(name, value);
		}
	}
}
