import { reactive } from 'vue';
import { useMutation } from '@vue/apollo-composable';
import {
  SaveLiaisonLeaderDocument,
  SavePlatformDocument,
  SaveUnitDocument,
  type PlatformKind,
  type UnitKind,
} from '@/gql/graphql';
import { submitPayload, useFormErrors } from '@/shared/forms/userErrors.js';

export type OrgKind = 'platform' | 'unit' | 'leader';

export interface OrgFormValues {
  id: string | null;
  name: string;
  title: string;
  phone: string;
  platformKind: PlatformKind;
  unitKind: UnitKind;
  platformId: string;
}

export function blankOrg(): OrgFormValues {
  return { id: null, name: '', title: '', phone: '', platformKind: 'ZONE', unitKind: 'DEPARTMENT', platformId: '' };
}

/** Saves a platform, unit or liaison leader (create when id is null). ReferenceData refetches. */
export function useOrgSave() {
  const values = reactive(blankOrg());
  const form = useFormErrors('input.', ['name', 'title', 'phone', 'kind', 'platformId']);
  const options = { refetchQueries: ['ReferenceData'] };
  const platform = useMutation(SavePlatformDocument, options);
  const unit = useMutation(SaveUnitDocument, options);
  const leader = useMutation(SaveLiaisonLeaderDocument, options);

  function edit(next: Partial<OrgFormValues>) {
    Object.assign(values, blankOrg(), next);
    form.clear();
  }

  async function submit(kind: OrgKind): Promise<boolean> {
    const id = values.id;
    const name = values.name.trim();
    const payload = await submitPayload(form, async () => {
      if (kind === 'platform') return (await platform.mutate({ input: { id, name, kind: values.platformKind } }))?.data?.savePlatform;
      if (kind === 'unit') {
        const platformId = values.unitKind === 'PLATFORM' ? values.platformId || null : null;
        return (await unit.mutate({ input: { id, name, kind: values.unitKind, platformId } }))?.data?.saveUnit;
      }
      return (await leader.mutate({ input: { id, name, title: values.title.trim(), phone: values.phone.trim() || null } }))?.data?.saveLiaisonLeader;
    });
    return payload !== null;
  }

  return { values, edit, submit, fieldErrors: form.fieldErrors, formError: form.formError };
}
