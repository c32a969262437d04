/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** URL of the district outline GeoJSON; defaults to the file shipped at /maps/shangyu.geojson. */
  readonly VITE_MAP_GEOJSON_URL?: string;
  /** Credit shown under the map; set it with the deployment's own approved map. */
  readonly VITE_MAP_ATTRIBUTION?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
