/**
 * A filter bar edits a draft of its v-model and hands a fresh copy up on 查询 or on change,
 * so the list's query variables never alias what the user is still typing.
 */
import { reactive, watch } from 'vue';

export function useFilterDraft<T extends object>(props: { modelValue: T }, emit: (event: 'update:modelValue', value: T) => void, copy: (value: T) => T) {
  const draft = reactive(copy(props.modelValue)) as T;
  watch(
    () => props.modelValue,
    (value) => Object.assign(draft, copy(value)),
  );
  const apply = () => emit('update:modelValue', copy(draft));
  return { draft, apply };
}
