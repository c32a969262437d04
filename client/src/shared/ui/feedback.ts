// Imported by hand (not through the component resolver) because these are called, not rendered.
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';
import { ElMessage, ElMessageBox } from 'element-plus';

export function notifySuccess(message: string): void {
  ElMessage({ type: 'success', message, grouping: true });
}

export function notifyError(message: string): void {
  ElMessage({ type: 'error', message, grouping: true, duration: 5000 });
}

/** Resolves true when the user confirms. */
export async function confirmAction(message: string, title = '请确认'): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, { confirmButtonText: '确定', cancelButtonText: '取消', type: 'warning' });
    return true;
  } catch {
    return false;
  }
}
