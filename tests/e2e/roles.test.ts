/**
 * Each role logs in and does its main task in Chromium against the real API and embedded
 * database with the demo district:
 *  - PROMOTION signs a lead into a project;
 *  - OWNER reports a node (土地摘牌) with evidence, at phone width;
 *  - UNIT confirms it;
 *  - LEADER opens the battle map, clicks a ≥¥5bn pin and sees its 作战图 with overdue nodes in red;
 *  - PROMOTION assigns an enterprise's owner account to a signed project (编辑项目).
 */
import { resolve } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, useE2E } from './harness.js';
import { today } from '../../api/src/domain/dates.js';

const e2e = useE2E();

/** Picks an option of the Element Plus select inside the form item labelled `label`. */
async function choose(page: import('playwright-core').Page, scope: import('playwright-core').Locator, label: string, option: string | RegExp) {
  await scope.locator('.el-form-item', { has: page.locator('label', { hasText: label }) }).locator('.el-select').click();
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: option }).first().click();
}

describe('browser: each role does its main task', () => {
  it('PROMOTION signs a lead into a project', async () => {
    const page = await e2e.loginAs('zhaoshang');
    await page.getByRole('menuitem', { name: '招商线索' }).click();
    await page.getByText('高端医用敷料项目').first().click();
    await page.locator('[data-test=sign-lead]').click();
    const dialog = page.locator('.el-dialog', { hasText: '签约转项目' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await choose(page, dialog, '节点模板', '租赁厂房');
    await e2e.shot(page, '1-promotion-sign-form');
    await page.locator('[data-test=sign-submit]').click();
    await page.waitForURL(/\/projects\/[0-9a-f]{24}/);
    await expect.poll(() => page.getByText('厂房租赁签约').first().isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.getByText('签约').first().isVisible()).toBe(true);
    await e2e.shot(page, '1-promotion-signed-project');
  });

  it('OWNER reports 土地摘牌 with evidence on a phone, and UNIT confirms it', async () => {
    const phone = { width: 390, height: 844 };
    const owner = await e2e.loginAs('yezhu', phone);
    // The 工作台 lists the owner's nodes to report; 土地摘牌 (the landing gate) is due soon.
    const node = owner.locator('.node[data-node=LAND]').first();
    await expect.poll(() => node.isVisible(), { timeout: 20_000 }).toBe(true);
    await e2e.shot(owner, '2-owner-workbench-phone');
    await node.locator('[data-action=uploadEvidence]').click();
    const pdf = resolve(ARTIFACTS, 'land-contract.pdf');
    writeFileSync(pdf, '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    const upload = owner.locator('.el-dialog:visible');
    await upload.locator('input[type=file]').setInputFiles(pdf);
    await expect.poll(() => upload.getByText('land-contract.pdf').isVisible(), { timeout: 20_000 }).toBe(true);
    await upload.getByRole('button', { name: '完成' }).click();
    await node.locator('[data-action=report]').click();
    const report = owner.locator('.el-dialog:visible');
    await report.locator('.el-radio-button', { hasText: '已完成' }).click();
    const dateInput = report.getByPlaceholder('完成时填写');
    await dateInput.fill(today());
    await dateInput.press('Enter');
    await e2e.shot(owner, '2-owner-report-dialog-phone');
    await report.locator('[data-test=report-submit]').click();
    await expect.poll(() => owner.locator('.node[data-node=LAND]').first().getByText('待责任单位确认').isVisible(), { timeout: 20_000 }).toBe(true);
    await e2e.shot(owner, '2-owner-reported-phone');

    const unit = await e2e.loginAs('ziranzy');
    const pending = unit.locator('.node[data-node=LAND]', { hasText: '待责任单位确认' }).first();
    await expect.poll(() => pending.isVisible(), { timeout: 20_000 }).toBe(true);
    const projectName = (await pending.locator('.node__project').textContent())!.trim();
    await e2e.shot(unit, '3-unit-workbench');
    await pending.locator('[data-action=confirm]').click();
    const box = unit.locator('.el-message-box');
    if (await box.isVisible().catch(() => false)) await box.getByRole('button', { name: /确/ }).click();
    // Confirmed: the node leaves the to-do list as DONE; the project page shows who confirmed it.
    await unit.getByText(projectName).first().click().catch(async () => {
      await unit.locator('.node__project', { hasText: projectName }).first().click();
    });
    await unit.waitForURL(/\/projects\/[0-9a-f]{24}/);
    const done = unit.locator('.node[data-node=LAND]').first();
    await expect.poll(() => done.getByText(/已由 .* 确认/).isVisible(), { timeout: 20_000 }).toBe(true);
    await e2e.shot(unit, '3-unit-confirmed');
  });

  it('LEADER opens the battle map, clicks a ≥¥5bn pin and sees its 作战图 with overdue nodes in red', async () => {
    const page = await e2e.loginAs('lingdao');
    await page.getByRole('menuitem', { name: '挂图作战' }).click();
    await page.waitForURL(/\/battle$/);
    // The pin of the ≥¥5bn project that lags (半导体大硅片, RED). Each pin has an accessible anchor at
    // its screen position; the click itself goes to the map canvas at that point.
    const pin = page.locator('[data-test=map-pin][aria-label="半导体大硅片及装备产业园项目"]');
    await expect.poll(() => pin.count(), { timeout: 30_000 }).toBe(1);
    expect(await pin.getAttribute('data-light')).toBe('RED');
    await page.waitForTimeout(1000); // the first render settles
    await e2e.shot(page, '4-leader-battle-map');
    const at = (await pin.boundingBox())!;
    await page.mouse.click(at.x, at.y);
    await page.waitForURL(/\/battle\/[0-9a-f]{24}/);
    await expect.poll(() => page.getByText('半导体大硅片及装备产业园项目').first().isVisible()).toBe(true);
    const overdue = page.locator('[data-test=overdue-node]');
    await expect.poll(() => overdue.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    // Runs in the page; the server tsconfig has no DOM types.
    const color = await overdue.first().evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(el).color);
    const [r, g, b] = color.match(/\d+/g)!.map(Number);
    expect(r).toBeGreaterThan(180); // overdue nodes are shown in red
    expect(g).toBeLessThan(110);
    expect(b).toBeLessThan(110);
    await e2e.shot(page, '4-leader-battle-plan');
  });

  it('PROMOTION assigns an owner account to a signed project', async () => {
    const page = await e2e.loginAs('zhaoshang');
    await page.getByRole('menuitem', { name: '项目库' }).click();
    await page.getByText('氢燃料电池电堆及系统制造基地').first().click();
    await page.waitForURL(/\/projects\/[0-9a-f]{24}/);
    await page.locator('[data-test=edit-project]').click();
    const dialog = page.locator('.el-dialog', { hasText: '编辑项目' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    // The enterprise's owner account, found by name.
    await dialog.locator('[data-test=owner-select] input').fill('钱业主');
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '钱业主' }).first().click();
    await e2e.shot(page, '5-promotion-assign-owner');
    await dialog.locator('[data-test=project-edit-submit]').click();
    await expect.poll(() => dialog.isVisible(), { timeout: 20_000 }).toBe(false);
    await page.locator('.el-tabs__item', { hasText: '项目概况' }).click();
    await expect.poll(() => page.locator('.el-descriptions').getByText('钱业主（浙江晶盛新材料）').isVisible(), { timeout: 20_000 }).toBe(true);
    await e2e.shot(page, '5-promotion-owner-assigned');
  });
});
