/** Great-circle distance on a sphere of the Earth's mean radius (IUGG, 6,371,008.8 m). */
export const EARTH_RADIUS_M = 6_371_008.8;

const RAD = Math.PI / 180;

export function haversineMeters(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLng = (lng2 - lng1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * All school–hospital distances in whole metres, row-major (school × hospital). Whole metres make the
 * solver's arithmetic exact, so "optimal" means optimal to the metre with no rounding drift.
 */
export function distanceMatrix(
  schools: ReadonlyArray<{ lng: number; lat: number }>,
  hospitals: ReadonlyArray<{ lng: number; lat: number }>,
): Int32Array {
  const H = hospitals.length;
  const out = new Int32Array(schools.length * H);
  const hLat = hospitals.map((h) => h.lat * RAD);
  const hLng = hospitals.map((h) => h.lng * RAD);
  const hCos = hLat.map(Math.cos);
  for (let s = 0; s < schools.length; s++) {
    const lat = schools[s].lat * RAD;
    const lng = schools[s].lng * RAD;
    const cos = Math.cos(lat);
    for (let h = 0; h < H; h++) {
      const a = Math.sin((hLat[h] - lat) / 2) ** 2 + cos * hCos[h] * Math.sin((hLng[h] - lng) / 2) ** 2;
      out[s * H + h] = Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a))));
    }
  }
  return out;
}
