import { expect, test } from '@playwright/test';
import { serverForThisFile } from './file-server';

// A customer files a ticket through the public form with a screenshot and gets the ticket
// number; problems are shown next to the fields before anything is uploaded.

const server = serverForThisFile();

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

test('customer files a ticket with a screenshot and sees the ticket number', async ({ page }) => {
  await page.goto(server.url + '/support/');
  await page.getByTestId('form-contact').fill('player0001@example.com');
  await page.getByTestId('form-submit').click();
  await expect(page.locator('[data-error-for="description"]')).toContainText('请描述遇到的问题');
  await expect(page.getByTestId('form-status')).toHaveAttribute('data-kind', 'error');

  await page.getByTestId('form-order').fill('DD202611220001');
  await page.getByTestId('form-category').selectOption({ label: '到账延迟/未到账' });
  await page.getByTestId('form-description').fill('王者荣耀点卡显示已使用但没到账');
  await page.getByTestId('form-steps').fill('1. 下单\n2. 支付成功');
  await page.getByTestId('form-files').setInputFiles({ name: '充值截图.png', mimeType: 'image/png', buffer: PNG });
  await page.getByTestId('form-submit').click();

  await expect(page.getByTestId('form-status')).toHaveAttribute('data-kind', 'done');
  await expect(page.getByTestId('form-status')).toContainText(/工单号：#[0-9A-Z]{8}/);
  await expect(page.locator('[data-error-for="description"]')).toHaveText('');
  await expect(page.getByTestId('form-description')).toHaveValue('');
});
