import { byIdLoader, groupLoader, referenceLoader } from './lib/loaders.js';
import type { Plain } from './lib/records.js';
import { UserModel } from './modules/users/model.js';
import { ChainModel, LiaisonLeaderModel, PlatformModel, UnitModel } from './modules/org/model.js';
import { TemplateModel } from './modules/templates/model.js';
import { NodeModel, ProjectModel } from './modules/projects/model.js';
import { InstructionModel } from './modules/instructions/model.js';
import { LeadModel } from './modules/leads/model.js';
import { PROBLEM_TIMING_FIELDS, ProblemModel } from './modules/problems/model.js';
import { userFromPlain } from './modules/users/repository.js';
import type { UserDoc } from './modules/users/model.js';
import type { ChainRecord, LiaisonLeaderRecord, PlatformRecord, UnitRecord } from './modules/org/types.js';
import type { TemplateRecord } from './modules/templates/types.js';
import type { NodeRecord, ProjectRecord } from './modules/projects/types.js';
import type { InstructionRecord } from './modules/instructions/types.js';
import type { LeadRecord } from './modules/leads/types.js';
import type { ProblemRecord } from './modules/problems/types.js';
import type { ProblemTimingFacts } from './domain/problems.js';

/** The decoded document is already the record (raw-read.ts): only its type is named here. */
const as = <R>() => (d: unknown) => d as R;

export function createLoaders() {
  return {
    user: byIdLoader(UserModel, (d: Plain<UserDoc>) => userFromPlain(d), { passwordHash: 0, failedLogins: 0 }),
    unit: referenceLoader(UnitModel, as<UnitRecord>()),
    platform: referenceLoader(PlatformModel, as<PlatformRecord>()),
    chain: referenceLoader(ChainModel, as<ChainRecord>()),
    liaisonLeader: referenceLoader(LiaisonLeaderModel, as<LiaisonLeaderRecord>()),
    template: byIdLoader(TemplateModel, as<TemplateRecord>()),
    project: byIdLoader(ProjectModel, as<ProjectRecord>()),
    lead: byIdLoader(LeadModel, as<LeadRecord>()),
    node: byIdLoader(NodeModel, as<NodeRecord>()),
    nodesByProject: groupLoader(NodeModel, 'projectId', as<NodeRecord>(), (n) => n.projectId, { projectId: 1, order: 1 }),
    instructionsByProject: groupLoader(InstructionModel, 'projectId', as<InstructionRecord>(), (i) => i.projectId, { createdAt: -1 }),
    instructionsByProblem: groupLoader(InstructionModel, 'problemId', as<InstructionRecord>(), (i) => i.problemId ?? '', { createdAt: -1, _id: -1 }),
    problem: byIdLoader(ProblemModel, as<ProblemRecord>()),
    problemsByProject: groupLoader(ProblemModel, 'projectId', as<ProblemRecord>(), (p) => p.projectId, { deadline: 1, _id: 1 }),
    /** Only the dated facts a project light needs (lists of projects with their lights). */
    problemFactsByProject: groupLoader(
      ProblemModel,
      'projectId',
      as<ProblemTimingFacts & { projectId: string }>(),
      (p) => p.projectId,
      { _id: 1 },
      { projectId: 1, ...PROBLEM_TIMING_FIELDS },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
