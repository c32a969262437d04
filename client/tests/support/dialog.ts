/**
 * Reading and filling an Element Plus dialog form as a user would: by the visible label of the
 * form item (dialogs are appended to the body).
 */
import { settle } from './mount.js';

export function dialogField(label: string): HTMLElement {
  const item = [...document.body.querySelectorAll<HTMLElement>('.el-dialog .el-form-item')].find((el) => el.querySelector(':scope > .el-form-item__label')?.textContent?.trim() === label);
  if (!item) throw new Error(`no field ${label}`);
  return item;
}

export async function typeInto(label: string, value: string): Promise<void> {
  const el = dialogField(label).querySelector<HTMLInputElement>('input, textarea')!;
  el.value = value;
  el.dispatchEvent(new Event('input'));
  el.dispatchEvent(new Event('change'));
  await settle();
}

/** Clicks the element (a dialog's submit button) and lets the mutation answer. */
export async function clickAndSettle(selector: string): Promise<void> {
  document.body.querySelector<HTMLElement>(selector)!.click();
  await settle(6);
}
