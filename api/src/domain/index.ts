/**
 * Domain rules of 招商项目全周期管理: pure, database-free, synchronous. Services feed them plain
 * facts and map their results; nothing here knows GraphQL or mongoose. See each file's header
 * for its rules and API.
 */
export * from './errors.js';
export * from './dates.js';
export * from './money.js';
export * from './uscc.js';
export * from './industry.js';
export * from './roles.js';
export * from './sources.js';
export * from './lifecycle.js';
export * from './templates.js';
export * from './lights.js';
export * from './tiers.js';
export * from './problems.js';
export * from './metrics.js';
export * from './metrics-tiers.js';
export * from './race.js';
export * from './agreements.js';
export * from './duplicates.js';
export * from './leads.js';
