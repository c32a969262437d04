import { computed, reactive } from 'vue';
import { useMutation, useQuery } from '@vue/apollo-composable';
import {
  AllNodeTemplatesDocument,
  SaveNodeTemplateDocument,
  type AllNodeTemplatesQuery,
  type NodeTemplateItemInput,
  type Stage,
} from '@/gql/graphql';
import { submitPayload, useFormErrors } from '@/shared/forms/userErrors.js';

export type TemplateVersion = AllNodeTemplatesQuery['nodeTemplates'][number];

export interface TemplateFamily {
  key: string;
  name: string;
  current: TemplateVersion;
  versions: TemplateVersion[];
}

/** Versions grouped by key, newest first; `current` is the newest active one (or newest). */
export function templateFamilies(list: readonly TemplateVersion[]): TemplateFamily[] {
  const byKey = new Map<string, TemplateVersion[]>();
  for (const t of list) byKey.set(t.key, [...(byKey.get(t.key) ?? []), t]);
  return [...byKey.entries()]
    .map(([key, versions]) => {
      const sorted = [...versions].sort((a, b) => b.version - a.version);
      const current = sorted.find((v) => v.active) ?? sorted[0];
      return { key, name: current.name, current, versions: sorted };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
}

export interface ItemRow {
  code: string;
  name: string;
  gate: Stage | '';
  isLandingGate: boolean;
  offsetDays: number;
  defaultUnitId: string;
}

/** Problems the API would refuse, found before sending: one landing gate, unique codes, offsets in order. */
export function checkTemplateItems(items: readonly ItemRow[]): string[] {
  const problems: string[] = [];
  if (items.length === 0) problems.push('模板至少需要一个节点');
  const landing = items.filter((i) => i.isLandingGate);
  if (landing.length !== 1) problems.push('须且只能指定一个落地节点');
  if (landing.some((i) => !i.gate)) problems.push('落地节点必须是关键节点（选择对应阶段）');
  const codes = items.map((i) => i.code.trim().toUpperCase());
  if (codes.some((c) => !/^[A-Z][A-Z0-9_]*$/.test(c))) problems.push('节点代码须为大写字母、数字或下划线，且以字母开头');
  if (new Set(codes).size !== codes.length) problems.push('节点代码不能重复');
  if (items.some((i) => !i.name.trim())) problems.push('每个节点都须填写名称');
  const gates = items.map((i) => i.gate).filter(Boolean);
  if (new Set(gates).size !== gates.length) problems.push('同一阶段只能对应一个关键节点');
  return problems;
}

export function toItemInputs(items: readonly ItemRow[]): NodeTemplateItemInput[] {
  return items.map((i) => ({
    code: i.code.trim().toUpperCase(),
    name: i.name.trim(),
    gate: i.gate || null,
    isLandingGate: i.isLandingGate,
    offsetDays: i.offsetDays,
    defaultUnitId: i.defaultUnitId || null,
  }));
}

export function useTemplateAdmin() {
  const { result, loading, error, refetch } = useQuery(AllNodeTemplatesDocument);
  const families = computed(() => templateFamilies(result.value?.nodeTemplates ?? []));
  const draft = reactive({ key: '', name: '', items: [] as ItemRow[] });
  const form = useFormErrors('input.', ['key', 'name', 'items']);
  const save = useMutation(SaveNodeTemplateDocument, { refetchQueries: ['AllNodeTemplates', 'NodeTemplates'] });

  function edit(template: TemplateVersion | null) {
    draft.key = template?.key ?? '';
    draft.name = template?.name ?? '';
    draft.items = (template?.items ?? []).map((i) => ({
      code: i.code,
      name: i.name,
      gate: i.gate ?? '',
      isLandingGate: i.isLandingGate,
      offsetDays: i.offsetDays,
      defaultUnitId: i.defaultUnit?.id ?? '',
    }));
    form.clear();
  }

  async function submit(): Promise<boolean> {
    const problems = checkTemplateItems(draft.items);
    if (problems.length > 0) {
      form.clear();
      form.formError.value = problems.join('；');
      return false;
    }
    const payload = await submitPayload(form, async () =>
      (await save.mutate({ input: { key: draft.key.trim().toUpperCase(), name: draft.name.trim(), items: toItemInputs(draft.items) } }))?.data?.saveNodeTemplate,
    );
    return payload !== null;
  }

  return { families, loading, error, refetch, draft, edit, submit, saving: save.loading, fieldErrors: form.fieldErrors, formError: form.formError };
}
