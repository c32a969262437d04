import { reactive, ref, type Ref } from 'vue';
import type { UserErrorFieldsFragment } from '@/gql/graphql';
import { describeError } from '../apollo/errors.js';

export interface MappedErrors {
  /** Form field path (the input path without its prefix) → the first message for it. */
  fields: Record<string, string>;
  /** Messages that belong to no field shown on the form. */
  general: string[];
}

/**
 * Places server `errors { field message }` on form fields. `input.project.totalInvestment`
 * with prefix `input.project.` lands on the field `totalInvestment`; an error whose field
 * the form does not show is kept as a general message so it is never lost.
 */
export function mapUserErrors(
  errors: readonly UserErrorFieldsFragment[],
  prefix: string,
  knownFields?: readonly string[],
): MappedErrors {
  const mapped: MappedErrors = { fields: {}, general: [] };
  for (const error of errors) {
    const path = error.field?.startsWith(prefix) ? error.field.slice(prefix.length) : error.field;
    const shown = path && (!knownFields || knownFields.includes(path));
    if (path && shown) {
      mapped.fields[path] ??= error.message;
    } else {
      mapped.general.push(error.message);
    }
  }
  return mapped;
}

export interface FormErrors {
  fieldErrors: Record<string, string>;
  formError: Ref<string | null>;
  clear(): void;
  /** True when there were errors to show. */
  applyUserErrors(errors: readonly UserErrorFieldsFragment[]): boolean;
  applyException(error: unknown): void;
}

/** Reactive error state of one form: field messages for ElFormItem `:error`, one banner message. */
export function useFormErrors(prefix = 'input.', knownFields?: readonly string[]): FormErrors {
  const fieldErrors = reactive<Record<string, string>>({});
  const formError = ref<string | null>(null);
  function clear() {
    for (const key of Object.keys(fieldErrors)) delete fieldErrors[key];
    formError.value = null;
  }
  return {
    fieldErrors,
    formError,
    clear,
    applyUserErrors(errors) {
      clear();
      const mapped = mapUserErrors(errors, prefix, knownFields);
      Object.assign(fieldErrors, mapped.fields);
      formError.value = mapped.general.length > 0 ? mapped.general.join('；') : null;
      return errors.length > 0;
    },
    applyException(error) {
      clear();
      formError.value = describeError(error);
    },
  };
}

/**
 * Runs a mutation whose payload carries `errors`, routing both kinds of failure into the
 * form. Resolves to the payload when it succeeded, otherwise null.
 */
export async function submitPayload<P extends { errors: readonly UserErrorFieldsFragment[] }>(
  form: FormErrors,
  run: () => Promise<P | null | undefined>,
): Promise<P | null> {
  form.clear();
  try {
    const payload = await run();
    if (!payload) {
      form.applyException(new Error('empty payload'));
      return null;
    }
    return form.applyUserErrors(payload.errors) ? null : payload;
  } catch (error) {
    form.applyException(error);
    return null;
  }
}

/**
 * True when a versioned write was refused because someone else saved first (`CONFLICT`):
 * the form then offers to reload instead of showing the message as an ordinary error.
 */
export function isConflict(errors: readonly Pick<UserErrorFieldsFragment, 'code'>[]): boolean {
  return errors.some((e) => e.code === 'CONFLICT');
}

/**
 * The optimistic-concurrency state of an edit form. `note` records whether a save was refused
 * with CONFLICT, which has its own notice (a lone conflict then leaves no banner); `reload` reads
 * the object again (its views update through the Apollo cache) and restarts the form with it.
 */
export function useConflict(form: FormErrors) {
  const conflict = ref(false);
  const reloading = ref(false);
  function note(errors: readonly Pick<UserErrorFieldsFragment, 'code'>[]): void {
    conflict.value = isConflict(errors);
    if (conflict.value && !errors.some((e) => e.code !== 'CONFLICT')) form.formError.value = null;
  }
  async function reload<T>(read: () => Promise<T | null | undefined>, restart: (current: T) => void): Promise<boolean> {
    reloading.value = true;
    try {
      const current = await read();
      if (!current) throw new Error('no longer readable');
      restart(current);
      return true;
    } catch (error) {
      form.applyException(error);
      return false;
    } finally {
      reloading.value = false;
    }
  }
  return { conflict, reloading, note, reload };
}
