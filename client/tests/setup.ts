import { afterEach } from 'vitest';
import { enableAutoUnmount } from '@vue/test-utils';
import { ElMessage } from 'element-plus';

// Each test mounts its own app; unmounting afterwards stops polling and listeners.
enableAutoUnmount(afterEach);

// Toasts outlive their component by seconds; one test must not see another's.
afterEach(() => {
  ElMessage.closeAll();
  document.body.querySelectorAll('.el-message').forEach((el) => el.remove());
});
