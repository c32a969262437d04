import { makeExecutableSchema } from '@graphql-tools/schema';
import { mergeResolvers } from '@graphql-tools/merge';
import type { GraphQLSchema } from 'graphql';
import { loadTypeDefs } from './typeDefs.js';
import { scalarResolvers } from './scalars.js';
import { userResolvers } from '../modules/users/resolvers.js';
import { orgResolvers } from '../modules/org/resolvers.js';
import { templateResolvers } from '../modules/templates/resolvers.js';
import { leadResolvers } from '../modules/leads/resolvers.js';
import { projectResolvers } from '../modules/projects/resolvers.js';
import { auditResolvers } from '../modules/audit/resolvers.js';
import { instructionResolvers } from '../modules/instructions/resolvers.js';
import { settingsResolvers } from '../modules/settings/resolvers.js';
import { problemResolvers } from '../modules/problems/resolvers.js';
import { notificationResolvers } from '../modules/notifications/resolvers.js';
import { metricResolvers } from '../modules/metrics/resolvers.js';
import { agreementResolvers } from '../modules/agreements/resolvers.js';
import { raceResolvers } from '../modules/race/resolvers.js';

export function buildSchema(): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: loadTypeDefs(),
    resolvers: mergeResolvers([
      scalarResolvers as never,
      { Query: { apiVersion: () => '1' } },
      userResolvers,
      orgResolvers,
      templateResolvers,
      leadResolvers,
      projectResolvers,
      auditResolvers,
      instructionResolvers,
      settingsResolvers,
      problemResolvers,
      notificationResolvers,
      metricResolvers,
      agreementResolvers,
      raceResolvers,
    ] as never[]),
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
  });
}
