export interface TemplateItemRecord {
  code: string;
  name: string;
  gate: string | null;
  isLandingGate: boolean;
  offsetDays: number;
  defaultUnitId: string | null;
}
export interface TemplateRecord {
  id: string;
  key: string;
  name: string;
  version: number;
  active: boolean;
  items: TemplateItemRecord[];
  createdAt: Date;
}
