import { reactive } from 'vue';
import { useApolloClient, useMutation } from '@vue/apollo-composable';
import { ProjectDocument, UpdateProjectDocument, type ProjectOverviewFragment, type UpdateProjectInput, type UserErrorFieldsFragment } from '@/gql/graphql';
import { submitPayload, useConflict, useFormErrors } from '@/shared/forms/userErrors.js';
import { yuanToWan } from '@/shared/format/money.js';
import { emptyProjectForm, PROJECT_FIELDS, toCreateProjectInput, type ProjectFormValues } from './projectForm.js';

/**
 * 编辑项目 after signing: the create form's values plus the owner accounts. Only the fields the
 * user changed are sent (with the version the form was loaded from), so a field this form
 * cannot show in full (e.g. a foreign investment's USD rate) is never overwritten by accident.
 */
export interface ProjectEditValues extends ProjectFormValues {
  ownerUserIds: string[];
}

/** UpdateProjectInput fields the form edits (code, template and signing date are fixed after signing). */
const UPDATABLE = [
  'name',
  'investor',
  'uscc',
  'industryCode',
  'chainId',
  'source',
  'platformId',
  'totalInvestment',
  'foreignInvestment',
  'landArea',
  'site',
  'description',
  'leadUnitId',
  'liaisonLeaderId',
  'responsiblePeople',
  'internalNotes',
] as const satisfies readonly (keyof UpdateProjectInput)[];

export const PROJECT_EDIT_FIELDS = [...PROJECT_FIELDS, 'ownerUserIds'] as const;

export function projectFormFromProject(p: ProjectOverviewFragment): ProjectEditValues {
  return {
    ...emptyProjectForm(p.signedOn ?? ''),
    code: p.code,
    name: p.name,
    investor: p.investor,
    uscc: p.uscc ?? '',
    industryCode: p.industryCode ?? '',
    chainId: p.chain?.id ?? '',
    source: p.source,
    platformId: p.platform.id,
    totalInvestment: yuanToWan(p.totalInvestment),
    hasForeign: p.foreignInvestment !== null && p.foreignInvestment !== undefined,
    foreignInvestment: p.foreignInvestment
      ? { currency: p.foreignInvestment.currency, amount: yuanToWan(p.foreignInvestment.amount), cnyRate: p.foreignInvestment.cnyRate, usdCnyRate: p.foreignInvestment.usdCnyRate ?? null }
      : { currency: 'USD', amount: null, cnyRate: null, usdCnyRate: null },
    landArea: p.landArea ?? null,
    site: { address: p.site?.address ?? '', lng: p.site?.lng ?? null, lat: p.site?.lat ?? null },
    description: p.description ?? '',
    templateKey: p.template.key,
    leadUnitId: p.leadUnit?.id ?? '',
    liaisonLeaderId: p.liaisonLeader?.id ?? '',
    responsiblePeople: p.responsiblePeople.map((r) => ({ name: r.name, title: r.title ?? '', phone: r.phone ?? '' })),
    internalNotes: p.internalNotes ?? '',
    ownerUserIds: p.owners.map((o) => o.id),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * The changes between the loaded and the edited values as UpdateProjectInput; null when nothing
 * changed. Both sides go through the create form's conversion, so 万元 round-trips compare equal.
 */
export function toUpdateProjectInput(values: ProjectEditValues, initial: ProjectEditValues, base: { id: string; version: number }): UpdateProjectInput | null {
  const next = toCreateProjectInput(values);
  const before = toCreateProjectInput(initial);
  const input: UpdateProjectInput = { id: base.id, version: base.version };
  let changed = false;
  for (const key of UPDATABLE) {
    if (same(next[key], before[key])) continue;
    (input as Record<string, unknown>)[key] = next[key];
    changed = true;
  }
  if (!sameSet(values.ownerUserIds, initial.ownerUserIds)) {
    input.ownerUserIds = [...values.ownerUserIds];
    changed = true;
  }
  return changed ? input : null;
}

export type EditResult = 'saved' | 'unchanged' | 'failed';

export function useProjectEdit(project: () => ProjectOverviewFragment) {
  const values = reactive(projectFormFromProject(project()));
  let initial = projectFormFromProject(project());
  // The version the form was loaded from: a newer one arriving meanwhile must not be overwritten.
  let base = { id: project().id, version: project().version };
  const form = useFormErrors('input.', PROJECT_EDIT_FIELDS);
  const { conflict, reloading, note, reload: reloadWith } = useConflict(form);
  const { mutate, loading } = useMutation(UpdateProjectDocument);
  const { resolveClient } = useApolloClient();

  function reset(from: ProjectOverviewFragment = project()) {
    initial = projectFormFromProject(from);
    base = { id: from.id, version: from.version };
    Object.assign(values, projectFormFromProject(from));
    form.clear();
    conflict.value = false;
  }

  async function submit(): Promise<EditResult> {
    const input = toUpdateProjectInput(values, initial, base);
    if (!input) return 'unchanged';
    let errors: readonly UserErrorFieldsFragment[] = [];
    const payload = await submitPayload(form, async () => {
      const p = (await mutate({ input }))?.data?.updateProject;
      errors = p?.errors ?? [];
      return p;
    });
    note(errors);
    return payload ? 'saved' : 'failed';
  }

  /** After a CONFLICT: reads the current project (the page updates through the cache) and restarts the form. */
  const reload = () =>
    reloadWith(async () => (await resolveClient().query({ query: ProjectDocument, variables: { id: base.id }, fetchPolicy: 'network-only' })).data.project, reset);

  return { values, reset, submit, reload, loading, reloading, conflict, fieldErrors: form.fieldErrors, formError: form.formError };
}
