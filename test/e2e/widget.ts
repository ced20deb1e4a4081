import type { Page } from '@playwright/test';

/** A customer opens the web chat widget and sends `text`. */
export async function writeInWebChat(customer: Page, serverUrl: string, text: string) {
  await customer.goto(serverUrl + '/widget/');
  await customer.getByTestId('widget-input').fill(text);
  await customer.getByTestId('widget-send').click();
}
