import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { LoginRequest, LoginResponse, MeResponse } from '../../../protocol/auth';
import type { ServerDeps } from '../app';
import { appWide } from '../http/app-wide';
import { HttpError, unauthorized } from '../http/errors';
import { AGENT_COLUMNS, agentFromRow, type AgentRow } from './agent-row';
import { normaliseLogin } from './agents';
import { authenticateToken, bearerToken, requireRole } from './guard';
import { LoginThrottle } from './login-throttle';
import { hashPassword, verifyPassword } from './password';
import { createSession, revokeSession } from './sessions';

// One message for unknown login and wrong password, so the answer does not reveal which logins exist.
const WRONG_CREDENTIALS = '登录名或密码错误 (wrong login or password)';

/**
 * Sign-in, sign-out and "who am I". App-wide because it also installs `app.authenticate`,
 * which `requireRole` uses on every other plugin's routes.
 */
export function authRoutes({ db, config }: ServerDeps) {
  const throttle = new LoginThrottle();
  // Unknown logins are checked against a throwaway hash so they take as long as wrong passwords.
  let decoyHash: Promise<string> | null = null;
  const decoy = () => (decoyHash ??= hashPassword('decoy: no agent has this password'));

  return appWide(async (app) => {
    app.decorate('authenticate', (token: string) => authenticateToken(db, token));
    const r = app.withTypeProvider<ZodTypeProvider>();
    const anyone = requireRole('agent', 'supervisor', 'admin');

    r.post(
      '/api/auth/login',
      { schema: { tags: ['auth'], security: [], body: LoginRequest, response: { 200: LoginResponse } } },
      async (req, reply) => {
        const login = normaliseLogin(req.body.login);
        const waitMs = throttle.retryAfterMs(login);
        if (waitMs > 0) {
          const minutes = Math.ceil(waitMs / 60_000);
          reply.header('retry-after', String(Math.ceil(waitMs / 1000)));
          throw new HttpError(
            429,
            'too_many_attempts',
            `登录失败次数过多，请 ${minutes} 分钟后再试 (too many failed sign-ins; try again in ${minutes} min)`,
          );
        }
        const { rows } = await db.query<AgentRow & { password_hash: string }>(
          `SELECT ${AGENT_COLUMNS}, a.password_hash FROM agents a WHERE a.login = $1 AND a.deleted_at IS NULL`,
          [login],
        );
        const agent = rows[0];
        const ok = await verifyPassword(req.body.password, agent?.password_hash ?? (await decoy()));
        if (!agent || !ok) {
          throttle.fail(login);
          throw unauthorized(WRONG_CREDENTIALS);
        }
        throttle.reset(login);
        const session = await createSession(db, agent.id, config.sessionTtlHours);
        return { token: session.token, expiresAt: session.expiresAt.toISOString(), agent: agentFromRow(agent) };
      },
    );

    r.post('/api/auth/logout', { preHandler: anyone, schema: { tags: ['auth'] } }, async (req, reply) => {
      // The guard has just resolved this header, so the token is present.
      await revokeSession(db, bearerToken(req)!);
      return reply.code(204).send();
    });

    r.get('/api/me', { preHandler: anyone, schema: { tags: ['auth'], response: { 200: MeResponse } } }, async (req) => {
      const { rows } = await db.query<AgentRow>(`SELECT ${AGENT_COLUMNS} FROM agents a WHERE a.id = $1`, [
        req.auth!.agentId,
      ]);
      if (!rows[0]) throw unauthorized();
      return { agent: agentFromRow(rows[0]) };
    });
  });
}
