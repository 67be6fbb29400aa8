package org.sdoh.hub.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import java.util.List;
import org.sdoh.hub.directory.GeoDistance.BoundingBox;
import org.sdoh.hub.directory.GeoDistance.Point;

class GeoDistanceTest {

	@Test
	void oneDegreeOfLatitudeIsAbout111Km() {
		assertThat(GeoDistance.km(42.0, -72.6, 43.0, -72.6)).isCloseTo(111.2, within(0.1));
	}

	@Test
	void springfieldToBostonIsAbout128Km() {
		assertThat(GeoDistance.km(42.1015, -72.5898, 42.3601, -71.0589)).isCloseTo(128.4, within(1.0));
	}

	@Test
	void theSamePointIsZeroKmAway() {
		assertThat(GeoDistance.km(10, 20, 10, 20)).isZero();
	}

	@Test
	void theBoxContainsTheWholeCircle() {
		BoundingBox box = GeoDistance.box(42.0, -72.6, 10);

		assertThat(GeoDistance.km(42.0, -72.6, box.maxLat(), -72.6)).isCloseTo(10, within(0.001));
		assertThat(GeoDistance.km(42.0, -72.6, 42.0, box.maxLon())).isGreaterThanOrEqualTo(10);
		assertThat(GeoDistance.km(42.0, -72.6, 42.0, box.minLon())).isGreaterThanOrEqualTo(10);
	}

	@Test
	void nearTheAntimeridianTheBoxWrapsAround() {
		BoundingBox box = GeoDistance.box(0, 179.95, 20);

		assertThat(box.maxLon()).isCloseTo(180.13, within(0.01)); // i.e. up to -179.87 across the antimeridian
		assertThat(box.minLon()).isCloseTo(179.77, within(0.01));
	}

	@Test
	void atAPoleEveryLongitudeIsInside() {
		BoundingBox box = GeoDistance.box(89.99, 0, 10);

		assertThat(box.maxLat()).isEqualTo(90);
		assertThat(box.minLon()).isEqualTo(-180);
		assertThat(box.maxLon()).isEqualTo(180);
	}

	@Test
	void theCentroidOfTwoPlacesOnAMeridianIsHalfwayBetweenThem() {
		Point centre = GeoDistance.centroid(List.of(new Point(10, 20), new Point(20, 20)));

		assertThat(centre.latitude()).isCloseTo(15, within(1e-9));
		assertThat(centre.longitude()).isCloseTo(20, within(1e-9));
	}

	@Test
	void theCentroidAcrossTheAntimeridianStaysNearIt() {
		Point centre = GeoDistance.centroid(List.of(new Point(0, 179), new Point(0, -179)));

		assertThat(Math.abs(centre.longitude())).isCloseTo(180, within(1e-9)); // not 0, the mean of the numbers
		assertThat(centre.latitude()).isCloseTo(0, within(1e-9));
	}

	@Test
	void theCentroidOfOnePlaceIsThatPlace() {
		Point centre = GeoDistance.centroid(List.of(new Point(42.2043, -72.6162)));

		assertThat(centre.latitude()).isCloseTo(42.2043, within(1e-9));
		assertThat(centre.longitude()).isCloseTo(-72.6162, within(1e-9));
	}
}
