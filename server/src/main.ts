import { describeDatabase, publicBaseUrl, startupBanner } from './banner';
import { loadConfig } from './config';
import { DEMO_LOGINS } from './demo/seed';
import { createServer } from './server';

const config = loadConfig();
const server = await createServer(config).catch((err: unknown) => {
  // Before the app exists there is no logger; say what failed and where to look.
  const reason = err instanceof Error ? err.message : String(err);
  const where = config.databaseUrl
    ? '请检查 DATABASE_URL 和数据库服务 (check DATABASE_URL and the database server)'
    : `请检查数据目录 (check the data folder): ${config.dataDir ?? '内存 in memory'}`;
  process.stderr.write(`Kadesk 服务器启动失败 (server failed to start): ${reason}\n${where}\n`);
  process.exit(1);
});

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  server.app.log.info({ signal }, 'shutting down');
  try {
    await server.close();
    process.exit(0);
  } catch (err) {
    server.app.log.error({ err }, 'shutdown failed');
    process.exit(1);
  }
}
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));

try {
  await server.app.listen({ host: config.host, port: config.port });
} catch (err) {
  server.app.log.error(
    { err },
    `无法监听 ${config.host}:${config.port}，端口可能已被占用，可设置 KADESK_PORT 换一个 (cannot listen; the port may be in use, set KADESK_PORT)`,
  );
  await server.close();
  process.exit(1);
}
const address = server.app.server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
process.stdout.write(
  startupBanner({
    baseUrl: publicBaseUrl(config.host, port),
    database: describeDatabase(config),
    demoLogins: server.demo ? DEMO_LOGINS : null,
  }),
);
