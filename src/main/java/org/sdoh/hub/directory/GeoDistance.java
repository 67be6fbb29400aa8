package org.sdoh.hub.directory;

/**
 * Great-circle distances on the earth (haversine) and the latitude/longitude box that encloses a
 * circle, so a database index on coordinates can pre-select candidates that are then measured exactly.
 */
public final class GeoDistance {

	static final double EARTH_RADIUS_KM = 6371.0088;
	private static final double KM_PER_DEGREE_LATITUDE = Math.PI * EARTH_RADIUS_KM / 180;

	private GeoDistance() {}

	public static double km(double lat1, double lon1, double lat2, double lon2) {
		double dLat = Math.toRadians(lat2 - lat1);
		double dLon = Math.toRadians(lon2 - lon1);
		double a = Math.pow(Math.sin(dLat / 2), 2)
				+ Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
		return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
	}

	/**
	 * {@link #km} as an SQL expression (PostgreSQL and H2) from the centre in the named parameters
	 * {@code :centreLat} and {@code :centreLon} to the position in the given columns, so the
	 * database can filter, rank and page by the same distance the answer reports.
	 */
	static String kmSql(String latitudeColumn, String longitudeColumn) {
		return "2 * " + EARTH_RADIUS_KM + " * asin(least(1, sqrt("
				+ "power(sin(radians(" + latitudeColumn + " - :centreLat) / 2), 2)"
				+ " + cos(radians(:centreLat)) * cos(radians(" + latitudeColumn + "))"
				+ " * power(sin(radians(" + longitudeColumn + " - :centreLon) / 2), 2))))";
	}

	/** The smallest latitude/longitude box containing every point within {@code radiusKm} of the centre. */
	public static BoundingBox box(double lat, double lon, double radiusKm) {
		double dLat = radiusKm / KM_PER_DEGREE_LATITUDE;
		double minLat = Math.max(-90, lat - dLat);
		double maxLat = Math.min(90, lat + dLat);
		// Longitude degrees shrink towards the poles; measured at the box edge nearest a pole.
		double widestLatitude = Math.max(Math.abs(minLat), Math.abs(maxLat));
		double cos = Math.cos(Math.toRadians(widestLatitude));
		double dLon = cos < 1e-9 ? 180 : Math.min(180, radiusKm / (KM_PER_DEGREE_LATITUDE * cos));
		return new BoundingBox(minLat, maxLat, lon - dLon, lon + dLon);
	}

	/**
	 * The centre of some places: the mean of their unit vectors, projected back to the sphere, so
	 * places on both sides of the antimeridian average to a point between them, not across the globe.
	 */
	public static Point centroid(java.util.List<Point> points) {
		if (points.isEmpty()) {
			throw new IllegalArgumentException("The centroid of no points is undefined");
		}
		double x = 0;
		double y = 0;
		double z = 0;
		for (Point p : points) {
			double lat = Math.toRadians(p.latitude());
			double lon = Math.toRadians(p.longitude());
			x += Math.cos(lat) * Math.cos(lon);
			y += Math.cos(lat) * Math.sin(lon);
			z += Math.sin(lat);
		}
		return new Point(Math.toDegrees(Math.atan2(z, Math.hypot(x, y))), Math.toDegrees(Math.atan2(y, x)));
	}

	/** A position in decimal degrees (WGS84, as FHIR Location.position). */
	public record Point(double latitude, double longitude) {}

	/** Near the antimeridian the longitudes extend beyond ±180; {@link ServiceLocator} wraps them. */
	public record BoundingBox(double minLat, double maxLat, double minLon, double maxLon) {}
}
