/**
 * The scale dataset for benchmarks: N projects (default 10,000, about 120,000 nodes) written in
 * bulk, with every index field derived by the same function the services use. Deterministic:
 * the same N gives the same data.
 */
import { Types } from 'mongoose';
import { addDays, today } from '../api/src/domain/dates.js';
import { planNodes } from '../api/src/domain/templates.js';
import { NodeModel, ProjectModel, SOURCES, type NodeDoc } from '../api/src/modules/projects/model.js';
import { TemplateModel, type TemplateDoc } from '../api/src/modules/templates/model.js';
import { toDomainTemplate } from '../api/src/modules/templates/service.js';
import { projectIndexFields } from '../api/src/modules/projects/derive.js';
import { loadSettings } from '../api/src/modules/settings/service.js';
import { toPlain } from '../api/src/lib/records.js';
import type { TemplateRecord } from '../api/src/modules/templates/types.js';
import { createUser, makeUscc, seedReference } from './factories.js';

/** Small deterministic PRNG (mulberry32), so runs are comparable. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INDUSTRIES = ['C2651', 'C3562', 'C3841', 'C3825', 'C2720', 'C3812', 'C2662', 'C3421', 'C3976', 'C3483', 'I6513', 'G5990'];

export async function seedSynthetic(n: number, log: (m: string) => void = () => {}): Promise<{ projects: number; nodes: number }> {
  const ref = await seedReference();
  const s = await loadSettings();
  const actor = await createUser({ username: 'synthetic', displayName: '批量数据', password: 'Synthetic2026', role: 'PROMOTION' });
  const templates = ((await TemplateModel.find({ active: true }).lean()) as TemplateDoc[]).map((t) => toPlain(t) as unknown as TemplateRecord);
  const platforms = [...ref.platforms.entries()];
  const chains = [...ref.chains.values()];
  const units = [...ref.units.values()];
  const random = rng(n);
  const now = today();
  let nodeCount = 0;
  const batchSize = 500;
  for (let start = 0; start < n; start += batchSize) {
    const projects: Record<string, unknown>[] = [];
    const nodes: Omit<NodeDoc, 'createdAt' | 'updatedAt'>[] = [];
    for (let i = start; i < Math.min(n, start + batchSize); i++) {
      const template = templates[i % templates.length];
      const [platformName, platformId] = platforms[i % platforms.length];
      const signedOn = addDays(now, -Math.floor(random() * 1400));
      const roll = random();
      const total = Math.round((roll < 0.02 ? 50 + random() * 100 : roll < 0.15 ? 10 + random() * 40 : roll < 0.6 ? 1 + random() * 9 : 0.1 + random() * 0.9) * 100_000_000);
      const projectId = new Types.ObjectId();
      const lagDays = [0, 8, 45, 120][Math.floor(random() * 4)];
      const horizon = addDays(now, -lagDays);
      const plans = planNodes(toDomainTemplate(template), signedOn);
      const platformUnit = ref.platformUnits.get(platformName)!;
      const own: Omit<NodeDoc, 'createdAt' | 'updatedAt'>[] = plans.map((p) => {
        const item = template.items.find((it) => it.code === p.code)!;
        const done = p.code === 'SIGN' || p.plannedDate <= horizon;
        const actual = done ? (p.plannedDate > now ? now : p.plannedDate) : null;
        return {
          _id: new Types.ObjectId(),
          projectId,
          code: p.code,
          name: p.name,
          gate: p.gate,
          isLandingGate: p.isLandingGate,
          order: p.order,
          unitId: new Types.ObjectId(item.defaultUnitId ?? platformUnit),
          person: null,
          status: done ? 'DONE' : 'PENDING',
          baselineDate: null,
          plannedDate: p.plannedDate,
          actualDate: actual,
          closedOn: actual,
          // Past progress of a generated district: known since its actual date.
          doneRecordedOn: null,
          skipReason: null,
          pendingReport: null,
          confirmedBy: done ? new Types.ObjectId(actor.id) : null,
          confirmedAt: done ? new Date() : null,
          evidence: [],
          notes: null,
          internalNote: null,
          replans: [],
          version: 0,
        };
      });
      const leadUnitId = total >= 1_000_000_000 ? units[i % units.length] : null;
      const foreign = i % 97 === 0 ? { currency: 'USD', amount: Math.round(total / 7.1), cnyRate: 7.1, usdCnyRate: 7.1 } : null;
      const index = projectIndexFields(
        { totalInvestment: total, foreignInvestment: foreign, terminated: null, signedOn, leadUnitId },
        own.map((x) => ({ ...x, unitId: x.unitId!.toHexString() })),
        s,
      );
      projects.push({
        _id: projectId,
        code: `SYN${String(i + 1).padStart(6, '0')}`,
        name: `合成项目${i + 1}`,
        investor: `合成企业${i % 3000}有限公司`,
        uscc: makeUscc(i + 500_000),
        industryCode: INDUSTRIES[i % INDUSTRIES.length],
        chainId: i % 4 === 3 ? null : new Types.ObjectId(chains[i % chains.length]),
        source: SOURCES[i % SOURCES.length],
        platformId: new Types.ObjectId(platformId),
        totalInvestment: total,
        foreignInvestment: foreign,
        investmentReports: [],
        actualInvestment: Math.round(total * random() * 0.8),
        landArea: 50,
        site: { address: `上虞区${platformName}`, lng: 120.75 + random() * 0.3, lat: 29.9 + random() * 0.25 },
        description: null,
        leadUnitId: leadUnitId ? new Types.ObjectId(leadUnitId) : null,
        liaisonLeaderId: total >= 5_000_000_000 ? new Types.ObjectId(ref.leaders[i % ref.leaders.length]) : null,
        responsiblePeople: [],
        ownerUserIds: [],
        templateId: new Types.ObjectId(template.id),
        landingGateCode: template.items.find((it) => it.isLandingGate)!.code,
        signedOn,
        baselineFrozen: false,
        terminated: null,
        duplicate: null,
        voided: false,
        leadId: null,
        internalNotes: null,
        createdBy: new Types.ObjectId(actor.id),
        version: 0,
        gates: index.gates,
        stage: index.stage,
        tiers: index.tiers,
        unitIds: index.unitIds.map((u) => new Types.ObjectId(u)),
        openDue: index.openDue,
        createdAt: new Date(),
        updatedAt: new Date(),
      });
      nodes.push(...own);
    }
    await ProjectModel.collection.insertMany(projects as never[], { ordered: false });
    const stamp = new Date();
    await NodeModel.collection.insertMany(nodes.map((x) => ({ ...x, createdAt: stamp, updatedAt: stamp })) as never[], { ordered: false });
    nodeCount += nodes.length;
    log(`… ${Math.min(n, start + batchSize)} / ${n} projects`);
  }
  return { projects: n, nodes: nodeCount };
}
