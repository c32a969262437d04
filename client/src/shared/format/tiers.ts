import type { Tier } from '@/gql/graphql';

export interface TierBadge {
  tier: Tier;
  text: string;
  /** Element Plus tag type. */
  type: 'danger' | 'warning' | 'primary' | 'info';
}

/**
 * The badges a project row shows. A 50亿 project is also a 10亿 one; only the larger
 * badge is shown so the row says the most important thing once.
 */
export function tierBadges(tiers: readonly Tier[]): TierBadge[] {
  const badges: TierBadge[] = [];
  if (tiers.includes('OVER_5B')) badges.push({ tier: 'OVER_5B', text: '≥50亿', type: 'danger' });
  else if (tiers.includes('OVER_1B')) badges.push({ tier: 'OVER_1B', text: '≥10亿', type: 'warning' });
  if (tiers.includes('FOREIGN_100M_USD')) badges.push({ tier: 'FOREIGN_100M_USD', text: '重大外资', type: 'primary' });
  return badges;
}
