/** Where a project came from (项目来源): a cut for every metric. */
export const PROJECT_SOURCES = [
  { code: 'NEW', name: '新引进' },
  { code: 'LISTED_COMPANY_FUNDRAISING', name: '上市公司募投' },
  { code: 'MERGER_ACQUISITION', name: '并购' },
  { code: 'YANGTZE_DELTA', name: '长三角合作' },
  { code: 'CHAIN_LEADER_SUPPLIER', name: '链主配套' },
  { code: 'FOREIGN', name: '外资' },
  { code: 'LOCAL_EXPANSION', name: '本地增资扩产' },
] as const;
export type ProjectSource = (typeof PROJECT_SOURCES)[number]['code'];
