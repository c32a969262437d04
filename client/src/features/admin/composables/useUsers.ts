import { reactive } from 'vue';
import { useMutation } from '@vue/apollo-composable';
import { CreateUserDocument, UpdateUserDocument, UsersDocument, type Role, type UserRowFragment } from '@/gql/graphql';
import { useCursorList } from '@/shared/apollo/useCursorList.js';
import { submitPayload, useFormErrors } from '@/shared/forms/userErrors.js';

export function useUserList(filter: { role: Role | ''; text: string }) {
  return useCursorList(
    UsersDocument,
    () => ({ role: filter.role || null, text: filter.text.trim() || null, first: 50 }),
    (data) => data.users,
  );
}

export interface UserFormValues {
  username: string;
  displayName: string;
  /** Required for a new user; for an existing one, filled only to reset it. */
  password: string;
  role: Role | '';
  unitId: string;
  platformId: string;
  phone: string;
  email: string;
  active: boolean;
}

export const USER_FIELDS = ['username', 'displayName', 'password', 'role', 'unitId', 'platformId', 'phone', 'email', 'active'] as const;

export function userFormFrom(user: UserRowFragment | null): UserFormValues {
  return {
    username: user?.username ?? '',
    displayName: user?.displayName ?? '',
    password: '',
    role: user?.role ?? '',
    unitId: user?.unit?.id ?? '',
    platformId: user?.platform?.id ?? '',
    phone: user?.phone ?? '',
    email: user?.email ?? '',
    active: user?.active ?? true,
  };
}

/** Only UNIT users belong to a unit and only PROMOTION staff to a platform scope; others carry neither. */
export function scopeFor(role: Role | '', v: Pick<UserFormValues, 'unitId' | 'platformId'>) {
  return {
    unitId: role === 'UNIT' ? v.unitId || null : null,
    platformId: role === 'PROMOTION' || role === 'UNIT' ? v.platformId || null : null,
  };
}

export function useSaveUser(user: () => UserRowFragment | null) {
  const values = reactive(userFormFrom(user()));
  const form = useFormErrors('input.', USER_FIELDS);
  const create = useMutation(CreateUserDocument, { refetchQueries: ['Users'] });
  const update = useMutation(UpdateUserDocument);
  function reset() {
    Object.assign(values, userFormFrom(user()));
    form.clear();
  }
  async function submit(): Promise<boolean> {
    const existing = user();
    if (!values.role) return false;
    const common = {
      displayName: values.displayName.trim(),
      role: values.role,
      ...scopeFor(values.role, values),
      phone: values.phone.trim() || null,
      email: values.email.trim() || null,
    };
    const payload = await submitPayload(form, async () => {
      if (existing) {
        const result = await update.mutate({
          input: { id: existing.id, ...common, active: values.active, password: values.password || null },
        });
        return result?.data?.updateUser;
      }
      const result = await create.mutate({ input: { username: values.username.trim(), password: values.password, ...common } });
      return result?.data?.createUser;
    });
    return payload !== null;
  }
  return {
    values,
    reset,
    submit,
    loading: create.loading,
    updating: update.loading,
    fieldErrors: form.fieldErrors,
    formError: form.formError,
  };
}
