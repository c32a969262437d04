import { reactive, ref } from 'vue';
import { useMutation } from '@vue/apollo-composable';
import { CloseRectificationDocument, type AgreementItemFragment } from '@/gql/graphql';
import { UploadError, uploadEvidenceFile, type UploadedFile } from '@/features/projects/composables/evidence.js';
import { todayInShanghai } from '@/shared/format/dates.js';
import { submitPayload, useFormErrors } from '@/shared/forms/userErrors.js';

/**
 * 整改完成: evidence goes up by REST first (its ids are collected here), then the closing is
 * sent with the file ids in one mutation, so the agreement's audit trail records both.
 */
export function useCloseRectification(agreement: () => AgreementItemFragment, rectificationId: () => string, fetchImpl?: typeof fetch) {
  const values = reactive({ closedOn: todayInShanghai(), note: '' });
  const files = ref<UploadedFile[]>([]);
  const uploading = ref(false);
  const form = useFormErrors('input.', ['closedOn', 'note', 'fileIds']);
  const { mutate, loading } = useMutation(CloseRectificationDocument);

  async function addFile(file: File): Promise<boolean> {
    uploading.value = true;
    try {
      files.value = [...files.value, await uploadEvidenceFile(file, fetchImpl)];
      return true;
    } catch (e) {
      form.formError.value = e instanceof UploadError ? e.message : '文件上传失败，请稍后重试';
      return false;
    } finally {
      uploading.value = false;
    }
  }
  const removeFile = (id: string) => {
    files.value = files.value.filter((f) => f.id !== id);
  };

  async function submit(): Promise<boolean> {
    const a = agreement();
    const input = {
      agreementId: a.id,
      version: a.version,
      rectificationId: rectificationId(),
      closedOn: values.closedOn,
      note: values.note.trim(),
      fileIds: files.value.map((f) => f.id),
    };
    return (await submitPayload(form, async () => (await mutate({ input }))?.data?.closeRectification)) !== null;
  }
  return { values, files, uploading, addFile, removeFile, submit, loading, fieldErrors: form.fieldErrors, formError: form.formError };
}
