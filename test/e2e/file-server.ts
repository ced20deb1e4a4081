import { test } from '@playwright/test';
import { startServer } from './server';

/**
 * One demo server for the tests of the calling spec file: started before the first, stopped
 * after the last, so no file sees what another file's tests changed. Read `url` in tests only.
 */
export function serverForThisFile(): { readonly url: string } {
  let url: string | null = null;
  let stop: (() => Promise<void>) | null = null;
  test.beforeAll(async () => {
    const server = await startServer();
    url = server.url;
    stop = () => server.stop();
  });
  test.afterAll(async () => {
    await stop?.();
  });
  return {
    get url() {
      if (url === null) throw new Error('the server starts in beforeAll; read its url inside a test');
      return url;
    },
  };
}
