export interface PlatformRecord {
  id: string;
  name: string;
  kind: 'ZONE' | 'STREET';
}
export interface UnitRecord {
  id: string;
  name: string;
  kind: 'DEPARTMENT' | 'PLATFORM';
  platformId: string | null;
}
export interface ChainRecord {
  id: string;
  code: string;
  name: string;
}
export interface LiaisonLeaderRecord {
  id: string;
  name: string;
  title: string;
  phone: string | null;
}
