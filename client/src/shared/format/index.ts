export * from './money.js';
export * from './dates.js';
export * from './labels.js';
export * from './uscc.js';
export * from './tiers.js';
