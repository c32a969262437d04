/**
 * The demo district: 上虞区 with its two economic development zones and several 街道/镇, one
 * demo user per role, about forty projects across every tier and stage, and leads. Dates are
 * relative to today so that every light occurs: projects lagging by two months are RED, by
 * ten days YELLOW, and on-track ones GREEN.
 */
import { Types, trusted } from 'mongoose';
import { addDays, addMonths, daysBetween, monthEndsBetween, quarterOf, startOfQuarter, today, yearOf } from '../api/src/domain/dates.js';
import { LeadModel } from '../api/src/modules/leads/model.js';
import { InstructionModel } from '../api/src/modules/instructions/model.js';
import { ProblemModel } from '../api/src/modules/problems/model.js';
import { NodeModel, ProjectModel } from '../api/src/modules/projects/model.js';
import { getProject, nodesOf } from '../api/src/modules/projects/repository.js';
import { createTarget, ensureDefaultTargets } from '../api/src/modules/metrics/targets.js';
import { createAgreement, recordCapacityReview } from '../api/src/modules/agreements/service.js';
import { takeMonthEndSnapshot } from '../api/src/modules/race/snapshots.js';
import { publishQuarter } from '../api/src/modules/race/scores.js';
import { serviceContext } from './context.js';
import { createUser, makeUscc, PLATFORMS, recordProgress, seedReference, signProject, type Reference } from './factories.js';

export const DEMO_PASSWORD = 'Demo@2026';

export const DEMO_USERS = [
  { username: 'admin', displayName: '系统管理员', role: 'ADMIN' as const },
  { username: 'zhaoshang', displayName: '张招商（区投资促进中心）', role: 'PROMOTION' as const },
  { username: 'hzw', displayName: '刘园区（杭州湾经开区招商）', role: 'PROMOTION' as const, platform: '杭州湾经开区' },
  { username: 'ziranzy', displayName: '赵规划（区自然资源和规划分局）', role: 'UNIT' as const, unit: '区自然资源和规划分局' },
  { username: 'jingxin', displayName: '孙经信（区经信局）', role: 'UNIT' as const, unit: '区经信局' },
  { username: 'yezhu', displayName: '钱业主（浙江晶盛新材料）', role: 'OWNER' as const },
  { username: 'lingdao', displayName: '王副区长', role: 'LEADER' as const },
];

type Lag = 'RED' | 'YELLOW' | 'GREEN';
interface Spec {
  name: string;
  investor: string;
  industry: string;
  chain: string | null;
  yi: number; // 总投资, 亿元
  platform: string;
  template: 'STANDARD_LAND' | 'EXPANSION' | 'LEASED_FACTORY';
  source: 'NEW_INVESTMENT' | 'LISTED_COMPANY' | 'MERGER' | 'YANGTZE_DELTA' | 'CHAIN_LEADER' | 'FOREIGN' | 'LOCAL_EXPANSION';
  ageDays: number; // signed this many days ago
  lag: Lag;
  foreignUsdWan?: number;
}

const S = (name: string, investor: string, industry: string, chain: string | null, yi: number, platform: string, template: Spec['template'], source: Spec['source'], ageDays: number, lag: Lag, foreignUsdWan?: number): Spec => ({
  name, investor, industry, chain, yi, platform, template, source, ageDays, lag, foreignUsdWan,
});

const P1 = '杭州湾经开区';
const P2 = '曹娥江经开区';

export const DEMO_PROJECTS: Spec[] = [
  S('年产20万吨高性能聚酰胺新材料项目', '浙江龙盛新材料股份有限公司', 'C2651', 'ADVANCED_POLYMER', 86, P1, 'STANDARD_LAND', 'LISTED_COMPANY', 700, 'YELLOW'),
  S('半导体大硅片及装备产业园项目', '晶盛机电半导体装备有限公司', 'C3562', 'SEMICONDUCTOR_EQUIPMENT', 120, P1, 'STANDARD_LAND', 'CHAIN_LEADER', 520, 'RED'),
  S('氢燃料电池电堆及系统制造基地', '上海氢晨新能源科技有限公司', 'C3841', 'HYDROGEN', 55, P2, 'STANDARD_LAND', 'YANGTZE_DELTA', 300, 'GREEN'),
  S('高端光伏组件智能制造项目', '浙江晶科光伏科技有限公司', 'C3825', 'PHOTOVOLTAIC', 62, P1, 'STANDARD_LAND', 'NEW_INVESTMENT', 95, 'GREEN'),
  S('创新药物及高端制剂生产基地', '浙江京新药业股份有限公司', 'C2720', 'MODERN_MEDICINE', 51, P2, 'STANDARD_LAND', 'LISTED_COMPANY', 40, 'YELLOW'),
  S('新能源汽车电驱系统项目', '卧龙电气驱动集团股份有限公司', 'C3812', 'NEW_ENERGY', 38, P1, 'STANDARD_LAND', 'LOCAL_EXPANSION', 610, 'GREEN'),
  S('电子级化学品项目', '浙江闰土新材料有限公司', 'C2662', 'ELECTRONIC_INFORMATION', 24, P1, 'STANDARD_LAND', 'NEW_INVESTMENT', 480, 'RED'),
  S('高端数控机床产业化项目', '浙江海德曼智能装备股份有限公司', 'C3421', 'HIGH_END_EQUIPMENT', 15, P2, 'STANDARD_LAND', 'NEW_INVESTMENT', 220, 'YELLOW'),
  S('生物可降解材料项目', '浙江海正生物材料股份有限公司', 'C2653', 'ADVANCED_POLYMER', 18, P1, 'STANDARD_LAND', 'LISTED_COMPANY', 820, 'GREEN'),
  S('外资特种膜材料项目', '东丽（中国）投资有限公司', 'C2922', 'ADVANCED_POLYMER', 22, P1, 'STANDARD_LAND', 'FOREIGN', 360, 'GREEN', 21000),
  S('医药中间体绿色工厂项目', '浙江新和成股份有限公司', 'C2710', 'MODERN_MEDICINE', 12, P2, 'EXPANSION', 'LOCAL_EXPANSION', 260, 'RED'),
  S('储能电池模组项目', '浙江南都电源动力股份有限公司', 'C3849', 'NEW_ENERGY', 11.5, '百官街道', 'LEASED_FACTORY', 'YANGTZE_DELTA', 150, 'GREEN'),
  S('智能装备精密部件项目', '浙江双环传动机械股份有限公司', 'C3483', 'HIGH_END_EQUIPMENT', 10, '曹娥街道', 'STANDARD_LAND', 'CHAIN_LEADER', 400, 'YELLOW'),
  S('光电显示材料项目', '浙江晶华新材料科技有限公司', 'C3976', 'ELECTRONIC_INFORMATION', 10, P1, 'STANDARD_LAND', 'NEW_INVESTMENT', 30, 'GREEN'),
  S('节能环保装备制造项目', '浙江菲达环保科技股份有限公司', 'C3591', 'ENERGY_SAVING', 9.5, P2, 'STANDARD_LAND', 'MERGER', 330, 'RED'),
  S('高分子助剂扩产项目', '浙江皇马科技股份有限公司', 'C2661', 'ADVANCED_POLYMER', 8, P1, 'EXPANSION', 'LOCAL_EXPANSION', 180, 'GREEN'),
  S('医疗器械产业化项目', '浙江伏尔特医疗器械股份有限公司', 'C3581', 'MODERN_MEDICINE', 6, '东关街道', 'LEASED_FACTORY', 'NEW_INVESTMENT', 210, 'YELLOW'),
  S('氢能装备零部件项目', '浙江锋源氢能科技有限公司', 'C3442', 'HYDROGEN', 5.2, P2, 'LEASED_FACTORY', 'NEW_INVESTMENT', 120, 'GREEN'),
  S('光伏支架智能制造项目', '浙江振石新材料有限公司', 'C3311', 'PHOTOVOLTAIC', 4.8, '道墟街道', 'STANDARD_LAND', 'CHAIN_LEADER', 590, 'RED'),
  S('电子元器件封装项目', '绍兴中芯集成电路有限公司', 'C3973', 'ELECTRONIC_INFORMATION', 4, P1, 'LEASED_FACTORY', 'YANGTZE_DELTA', 75, 'YELLOW'),
  S('高性能纤维复合材料项目', '浙江宝旌炭材料有限公司', 'C2825', 'ADVANCED_POLYMER', 3.6, '章镇镇', 'STANDARD_LAND', 'NEW_INVESTMENT', 440, 'GREEN'),
  S('智能仓储设备项目', '浙江德马科技股份有限公司', 'C3433', 'HIGH_END_EQUIPMENT', 3, '丰惠镇', 'LEASED_FACTORY', 'NEW_INVESTMENT', 60, 'GREEN'),
  S('锂电池回收利用项目', '浙江华友循环科技有限公司', 'C4210', 'ENERGY_SAVING', 2.8, P2, 'STANDARD_LAND', 'NEW_INVESTMENT', 250, 'RED'),
  S('精细化工技改项目', '浙江龙盛化工有限公司', 'C2631', null, 2.2, P1, 'EXPANSION', 'LOCAL_EXPANSION', 90, 'YELLOW'),
  S('工业软件研发中心', '浙江中控技术股份有限公司', 'I6513', null, 2, '百官街道', 'LEASED_FACTORY', 'YANGTZE_DELTA', 140, 'GREEN'),
  S('新型显示背光模组项目', '浙江晶盛新材料有限公司', 'C3974', 'ELECTRONIC_INFORMATION', 1.6, P1, 'STANDARD_LAND', 'NEW_INVESTMENT', 100, 'GREEN'),
  S('原料药绿色升级项目', '浙江震元制药有限公司', 'C2710', 'MODERN_MEDICINE', 1.2, '曹娥街道', 'EXPANSION', 'LOCAL_EXPANSION', 500, 'GREEN'),
  S('五金工具制造项目', '绍兴上虞宏达五金有限公司', 'C3321', null, 0.8, '东关街道', 'LEASED_FACTORY', 'NEW_INVESTMENT', 200, 'RED'),
  S('包装新材料项目', '浙江大胜达包装股份有限公司', 'C2231', null, 0.6, '道墟街道', 'LEASED_FACTORY', 'NEW_INVESTMENT', 45, 'GREEN'),
  S('物流配送中心', '上虞顺达物流有限公司', 'G5990', null, 0.5, '丰惠镇', 'LEASED_FACTORY', 'NEW_INVESTMENT', 160, 'YELLOW'),
  S('汽车零部件扩产项目', '浙江万丰精密制造有限公司', 'C3670', 'NEW_ENERGY', 1.5, '章镇镇', 'EXPANSION', 'LOCAL_EXPANSION', 1000, 'GREEN'),
  S('高端轴承项目', '浙江五洲新春集团股份有限公司', 'C3451', 'HIGH_END_EQUIPMENT', 7, P2, 'STANDARD_LAND', 'NEW_INVESTMENT', 1100, 'YELLOW'),
  S('染料中间体搬迁提升项目', '浙江吉华集团股份有限公司', 'C2645', null, 13, P1, 'STANDARD_LAND', 'LOCAL_EXPANSION', 1300, 'GREEN'),
  S('光伏玻璃深加工项目', '浙江旗滨光能科技有限公司', 'C3042', 'PHOTOVOLTAIC', 16, P2, 'STANDARD_LAND', 'CHAIN_LEADER', 760, 'RED'),
];

function pick<T>(arr: readonly T[], i: number): T {
  return arr[i % arr.length];
}

async function seedProjects(ref: Reference, promotion: { district: import('../api/src/modules/users/types.js').UserRecord }, owner: string, unitUserId: string) {
  const now = today();
  const ids: string[] = [];
  for (const [i, spec] of DEMO_PROJECTS.entries()) {
    const signedOn = addDays(now, -spec.ageDays);
    const platform = PLATFORMS.find((p) => p.short === spec.platform)!;
    const total = Math.round(spec.yi * 100_000_000);
    const big = spec.yi >= 50;
    const project = await signProject(promotion.district, {
      name: spec.name,
      investor: spec.investor,
      uscc: makeUscc(1000 + i * 7919),
      industryCode: spec.industry,
      chainId: spec.chain ? ref.chains.get(spec.chain)! : null,
      source: spec.source,
      platformId: ref.platforms.get(spec.platform)!,
      totalInvestment: total,
      foreignInvestment: spec.foreignUsdWan ? { currency: 'USD', amount: spec.foreignUsdWan * 10_000, cnyRate: 7.1, usdCnyRate: 7.1 } : null,
      landArea: spec.template === 'STANDARD_LAND' ? Math.round(spec.yi * 3 + 20) : null,
      site: { address: `上虞区${spec.platform}`, lng: +(platform.lng + ((i * 37) % 11) * 0.006 - 0.03).toFixed(5), lat: +(platform.lat + ((i * 53) % 9) * 0.005 - 0.02).toFixed(5) },
      description: `${spec.investor}投资建设${spec.name}，总投资${spec.yi}亿元。`,
      templateKey: spec.template,
      signedOn,
      leadUnitId: big || spec.yi >= 10 ? ref.units.get('区投资促进中心')! : null,
      liaisonLeaderId: big || spec.yi >= 10 ? pick(ref.leaders, i) : null,
      ownerUserIds: i === 25 || i === 3 ? [owner] : [],
      responsiblePeople: [{ name: pick(['胡伟', '沈丽', '黄强', '徐静'], i), title: '项目负责人', phone: `1385750${String(1000 + i).slice(-4)}` }],
      internalNotes: spec.lag === 'RED' ? '进度滞后，需专班协调。' : null,
    });
    // Progress: every node planned before today is done (a few days either side); then the next
    // open node's plan sets the light: RED projects have it 35+ days overdue, YELLOW ones a few
    // days overdue, GREEN ones have every open node more than 15 days away.
    const nodes = await nodesOf(project.id);
    const done = nodes
      .filter((n) => n.code !== 'SIGN' && n.plannedDate < now)
      .map((n) => {
        const actual = addDays(n.plannedDate, (i % 4) - 1);
        return { code: n.code, actualDate: actual > now ? now : actual < signedOn ? signedOn : actual };
      });
    const open = nodes.filter((n) => n.code !== 'SIGN' && n.plannedDate >= now);
    const planned: Record<string, string> = {};
    if (open.length && spec.lag === 'RED') planned[open[0].code] = addDays(now, -(35 + (i % 5) * 9));
    if (open.length && spec.lag === 'YELLOW') planned[open[0].code] = addDays(now, -(2 + (i % 6) * 4));
    if (open.length && spec.lag === 'GREEN') {
      const shift = Math.max(0, daysBetween(open[0].plannedDate, addDays(now, 20 + (i % 3) * 10)));
      for (const n of open) planned[n.code] = addDays(n.plannedDate, shift);
    }
    await recordProgress(project.id, done, unitUserId, { planned, inProgress: open.length ? [open[0].code] : [] });
    ids.push(project.id);
  }
  return ids;
}

export async function seedDemo(log: (msg: string) => void = () => {}): Promise<void> {
  const ref = await seedReference();
  const users: Record<string, import('../api/src/modules/users/types.js').UserRecord> = {};
  for (const u of DEMO_USERS) {
    users[u.username] = await createUser({
      username: u.username,
      displayName: u.displayName,
      password: DEMO_PASSWORD,
      role: u.role,
      unitId: 'unit' in u ? ref.units.get(u.unit!)! : null,
      platformId: 'platform' in u ? ref.platforms.get(u.platform!)! : null,
      phone: '0575-82000000',
    });
  }
  if (await ProjectModel.exists({})) return;
  const ids = await seedProjects(ref, { district: users.zhaoshang }, users.yezhu.id, users.ziranzy.id);
  log(`seeded ${ids.length} projects`);

  // The owner's project waits at its landing gate (土地摘牌): the owner reports it, the unit confirms.
  const ownerProject = ids[25];
  const ownerNodes = await nodesOf(ownerProject);
  const land = ownerNodes.find((n) => n.code === 'LAND')!;
  await NodeModel.updateOne({ _id: new Types.ObjectId(land.id) }, { $set: { status: 'IN_PROGRESS', actualDate: null, closedOn: null, plannedDate: addDays(today(), 10), unitId: new Types.ObjectId(ref.units.get('区自然资源和规划分局')!) } });
  await NodeModel.updateMany({ projectId: new Types.ObjectId(ownerProject), order: trusted({ $gt: land.order }) }, { $set: { status: 'PENDING', actualDate: null, closedOn: null } });
  await recordProgress(ownerProject, [], users.ziranzy.id);

  // One project ended: signed, then terminated by the district.
  await ProjectModel.updateOne(
    { _id: new Types.ObjectId(ids[28]) },
    { $set: { terminated: { reason: '企业投资计划调整，双方协商解约', by: new Types.ObjectId(users.zhaoshang.id), at: new Date(), on: addDays(today(), -20) }, stage: 'TERMINATED' } },
  );

  // Leaders' instructions on the ≥50亿 projects that lag.
  for (const [i, text] of [
    [1, '请区自然资源和规划分局加快供地进度，月底前完成土地摘牌。'],
    [0, '请区经信局会同园区研究解决能耗指标问题。'],
  ] as const) {
    await InstructionModel.create({
      projectId: new Types.ObjectId(ids[i]),
      content: text,
      leaderId: new Types.ObjectId(users.lingdao.id),
      unitIds: [new Types.ObjectId(ref.units.get(i === 1 ? '区自然资源和规划分局' : '区经信局')!)],
    });
  }

  // Leads: some active, some stale (no follow-up for over 30 days).
  const leadSpecs = [
    ['年产5万吨碳纤维原丝项目', '吉林化纤集团', 'C2826', 'ADVANCED_POLYMER', 35, 5],
    ['第三代半导体衬底项目', '山东天岳先进科技', 'C3985', 'SEMICONDUCTOR_EQUIPMENT', 60, 12],
    ['氢能重卡整车项目', '北京亿华通科技', 'C3611', 'HYDROGEN', 45, 44],
    ['高端医用敷料项目', '稳健医疗用品', 'C2770', 'MODERN_MEDICINE', 6, 3],
    ['钙钛矿电池中试线', '杭州纤纳光电科技', 'C3825', 'PHOTOVOLTAIC', 8, 70],
    ['工业机器人整机项目', '埃斯顿自动化', 'C3491', 'HIGH_END_EQUIPMENT', 12, 20],
  ] as const;
  for (const [i, [name, investor, industry, chain, yi, daysAgo]] of leadSpecs.entries()) {
    const date = addDays(today(), -daysAgo);
    await LeadModel.create({
      name,
      investor,
      industryCode: industry,
      chainId: new Types.ObjectId(ref.chains.get(chain)!),
      source: pick(['NEW_INVESTMENT', 'YANGTZE_DELTA', 'CHAIN_LEADER'] as const, i),
      platformId: new Types.ObjectId(ref.platforms.get(i % 2 ? P2 : P1)!),
      estimatedInvestment: yi * 100_000_000,
      contactName: pick(['李总', '张经理', '王董'], i),
      contactPhone: '13900000000',
      status: 'NEGOTIATING',
      ownerId: new Types.ObjectId(users.zhaoshang.id),
      followUps: [{ date, kind: pick(['VISIT', 'PHONE', 'MEETING'] as const, i), summary: '对接项目选址和用地需求，企业意向较强。', nextStep: '安排实地考察', nextDate: addDays(date, 14), by: new Types.ObjectId(users.zhaoshang.id) }],
      lastFollowUpOn: date,
      nextFollowUpOn: addDays(date, 14),
    });
  }

  await seedDemoProblems(ref, users, ids);
  await seedOversightDemo(ref, users, ids, log);
}

/**
 * Oversight data for the demo district, all written as history (recorded on its own dates):
 * the plan's targets plus two platform targets for this year, 资金到位 reports, three 履约
 * agreements (a passed capacity review; a failed one whose 整改 item is now overdue; one whose
 * first review falls due within weeks), the month-end 赛马 snapshots of the past six months and
 * the last finished quarter published.
 */
export async function seedOversightDemo(
  ref: Reference,
  users: Record<string, import('../api/src/modules/users/types.js').UserRecord>,
  ids: string[],
  log: (msg: string) => void = () => {},
): Promise<void> {
  const now = today();
  const year = yearOf(now);
  const admin = serviceContext(users.admin);
  await ensureDefaultTargets();
  await createTarget(admin, { indicator: 'LANDING_RATE', scopeKind: 'PLATFORM', scopeId: ref.platforms.get(P1)!, fromYear: year, toYear: year, perYear: true, value: 0.3, note: '杭州湾经开区年度签约项目落地率' });
  await createTarget(admin, { indicator: 'SIGNED_OVER_100M', scopeKind: 'PLATFORM', scopeId: ref.platforms.get(P2)!, fromYear: year, toYear: year, perYear: true, value: 8, note: '曹娥江经开区年度亿元以上项目签约' });

  // 资金到位: two reports per project, on past dates, recorded then.
  for (const [i, share] of [[0, 0.35], [1, 0.2], [2, 0.5], [3, 0.15], [5, 0.8], [8, 0.9], [31, 0.7], [32, 0.95]] as const) {
    const p = (await getProject(ids[i]))!;
    for (const [offset, part] of [[120, 0.4], [300, 0.6]] as const) {
      const date = addDays(p.signedOn!, offset);
      if (date > now) continue;
      const amount = Math.round(p.totalInvestment * share * part);
      await ProjectModel.updateOne(
        { _id: new Types.ObjectId(p.id) },
        { $push: { investmentReports: { date, amount, at: new Date(`${date}T10:00:00+08:00`), by: new Types.ObjectId(users.zhaoshang.id) } }, $inc: { actualInvestment: amount } },
      );
    }
  }

  // 履约 agreements, recorded by the district promotion staff; reviews by 区经信局.
  const promo = serviceContext(users.zhaoshang);
  const jingxin = serviceContext(users.jingxin);
  const agreements = [
    { index: 32, capacityAfter: 900, commitments: { taxPerMu: 25, outputPerMu: 400, valueAddedPerMu: 120, energyPerValueAdded: 0.6, rdRatio: 2.5 }, actuals: { taxPerMu: 27, outputPerMu: 420, valueAddedPerMu: 125, energyPerValueAdded: 0.55, rdRatio: 2.8 } },
    { index: 31, capacityAfter: 800, commitments: { taxPerMu: 30, outputPerMu: 500, valueAddedPerMu: 150, energyPerValueAdded: 0.5, rdRatio: 3 }, actuals: { taxPerMu: 22, outputPerMu: 380, valueAddedPerMu: 150, energyPerValueAdded: 0.48, rdRatio: 3.1 } },
    { index: 8, capacityAfter: 760, commitments: { taxPerMu: 35, outputPerMu: 600, valueAddedPerMu: 180, energyPerValueAdded: 0.45, rdRatio: 3.5 }, actuals: null },
  ];
  for (const spec of agreements) {
    const p = (await getProject(ids[spec.index]))!;
    const capacityOn = addDays(p.signedOn!, spec.capacityAfter);
    const investment = Math.round(p.totalInvestment * 0.8);
    const agreement = await createAgreement(promo, {
      projectId: p.id,
      title: '标准地投资建设协议',
      signedOn: p.signedOn!,
      landAreaMu: p.landArea ?? 50,
      fixedAssetInvestment: investment,
      commitments: spec.commitments,
      committedStartOn: addDays(p.signedOn!, 200),
      committedCompletionOn: addDays(p.signedOn!, 560),
      committedCapacityOn: capacityOn,
    });
    const dueOn = agreement.reviews[0]?.dueOn;
    if (spec.actuals && dueOn && addDays(dueOn, 10) <= now) {
      await recordCapacityReview(jingxin, {
        agreementId: agreement.id,
        version: agreement.version,
        reviewedOn: addDays(dueOn, 10),
        actuals: { ...spec.actuals, fixedAssetInvestment: investment },
        note: '经现场核查及税务、统计数据比对',
      });
    }
  }

  // 赛马: the month-ends of the last six months, and the last finished quarter published.
  for (const end of monthEndsBetween(addMonths(now, -6), addDays(now, -1))) await takeMonthEndSnapshot(end);
  const lastQuarterEnd = addDays(startOfQuarter(year, quarterOf(now)), -1);
  for (const kind of ['PLATFORM', 'UNIT'] as const) await publishQuarter(admin, yearOf(lastQuarterEnd), quarterOf(lastQuarterEnd), kind);
  log('seeded targets, agreements and 赛马 snapshots');
}

/**
 * 督办 problems as recorded history, so that every colour occurs: one within its deadline (blue),
 * one a week overdue (yellow), one a month overdue and escalated (red), one resolved.
 */
async function seedDemoProblems(ref: Reference, users: Record<string, import('../api/src/modules/users/types.js').UserRecord>, ids: string[]) {
  const now = today();
  const at = (d: string) => new Date(`${d}T09:30:00+08:00`);
  const unit = (name: string) => new Types.ObjectId(ref.units.get(name)!);
  const specs = [
    { project: 1, category: 'LAND', title: '二期用地指标尚未落实', unit: '区自然资源和规划分局', raised: -40, deadline: -30, status: 'ESCALATED', by: users.zhaoshang },
    { project: 0, category: 'UTILITIES', title: '110千伏专线接入进度滞后', unit: '区经信局', raised: -20, deadline: -7, status: 'ACCEPTED', by: users.zhaoshang },
    { project: 25, category: 'APPROVAL', title: '环评审批材料需补正，请指导', unit: '区自然资源和规划分局', raised: -3, deadline: 12, status: 'OPEN', by: users.yezhu },
    { project: 3, category: 'TALENT', title: '高技能人才公寓需求', unit: '区经信局', raised: -60, deadline: -30, status: 'RESOLVED', by: users.yezhu },
  ] as const;
  for (const p of specs) {
    const raisedOn = addDays(now, p.raised);
    const deadline = addDays(now, p.deadline);
    const role = p.by.role;
    const timeline: Record<string, unknown>[] = [{ action: 'RAISE', fromStatus: null, toStatus: 'OPEN', by: new Types.ObjectId(p.by.id), role, note: null, internal: false, at: at(raisedOn) }];
    if (p.status !== 'OPEN') timeline.push({ action: 'ACCEPT', fromStatus: 'OPEN', toStatus: 'ACCEPTED', by: new Types.ObjectId(users.ziranzy.id), role: 'UNIT', note: '已签收，正在协调', internal: false, at: at(addDays(raisedOn, 1)) });
    if (p.status === 'ESCALATED') timeline.push({ action: 'ESCALATE', fromStatus: 'ACCEPTED', toStatus: 'ESCALATED', by: null, role: 'SYSTEM', note: '逾期超过15天，提级督办', internal: false, at: at(addDays(deadline, 16)) });
    if (p.status === 'RESOLVED') {
      timeline.push({ action: 'RESPOND', fromStatus: 'ACCEPTED', toStatus: 'RESPONDED', by: new Types.ObjectId(users.jingxin.id), role: 'UNIT', note: '已安排人才公寓20套', internal: false, at: at(addDays(raisedOn, 20)) });
      timeline.push({ action: 'RESOLVE', fromStatus: 'RESPONDED', toStatus: 'RESOLVED', by: new Types.ObjectId(users.zhaoshang.id), role: 'PROMOTION', note: '企业确认已解决', internal: false, at: at(addDays(raisedOn, 25)) });
    }
    await ProblemModel.create({
      projectId: new Types.ObjectId(ids[p.project]),
      category: p.category,
      title: p.title,
      description: `${p.title}，影响项目推进，请责任单位协调解决。`,
      raisedBy: new Types.ObjectId(p.by.id),
      raisedByRole: role,
      raisedAt: at(raisedOn),
      raisedOn,
      leadUnitId: unit(p.unit),
      coUnitIds: [unit('区投资促进中心')],
      deadline,
      status: p.status,
      response: p.status === 'RESOLVED' ? '已安排人才公寓20套' : null,
      respondedBy: p.status === 'RESOLVED' ? new Types.ObjectId(users.jingxin.id) : null,
      respondedAt: p.status === 'RESOLVED' ? at(addDays(raisedOn, 20)) : null,
      resolvedBy: p.status === 'RESOLVED' ? new Types.ObjectId(users.zhaoshang.id) : null,
      resolvedAt: p.status === 'RESOLVED' ? at(addDays(raisedOn, 25)) : null,
      resolvedOn: p.status === 'RESOLVED' ? addDays(raisedOn, 25) : null,
      escalation: p.status === 'ESCALATED' ? { reason: '逾期超过15天，提级督办', by: null, at: at(addDays(deadline, 16)), liaisonLeaderId: null } : null,
      escalatedOn: p.status === 'ESCALATED' ? addDays(deadline, 16) : null,
      evidence: [],
      timeline,
      internalNote: null,
    });
  }
}
