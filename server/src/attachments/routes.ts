import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../../protocol/entities';
import { ID_PATTERN } from '../../../protocol/ids';
import type { ServerDeps } from '../app';
import { requireRole } from '../auth/guard';
import { notFound } from '../http/errors';
import { inScope } from '../sync/scope';
import { isInlineSafe } from './content-type';
import { contentDisposition } from './filename';

interface FileRow {
  filename: string;
  content_type: string;
  sha256: string;
  content: Uint8Array;
  team_id: string | null;
  assignee_id: string | null;
}

/**
 * Serves customers' files to agents whose scope holds the conversation. The bytes are
 * untrusted, so the response can never act as a page: a download unless it is a raster
 * image, no sniffing, and a sandbox CSP in case a browser renders it anyway.
 */
export function attachmentRoutes(deps: ServerDeps) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/api/attachments/:id',
      {
        preHandler: requireRole(...ROLES),
        schema: { tags: ['attachments'], summary: 'A file a customer sent', params: z.object({ id: z.string().regex(ID_PATTERN) }) },
      },
      async (req, reply) => {
        const { rows } = await deps.db.query<FileRow>(
          `SELECT a.filename, a.content_type, a.sha256, a.content, c.team_id, c.assignee_id
             FROM attachments a JOIN messages m ON m.id = a.message_id JOIN conversations c ON c.id = m.conversation_id
            WHERE a.id = $1 AND m.deleted_at IS NULL AND c.deleted_at IS NULL`,
          [req.params.id],
        );
        const file = rows[0];
        // Out of scope looks the same as missing: ids must not reveal what exists.
        if (!file || !inScope(req.auth!, { teamId: file.team_id, assigneeId: file.assignee_id })) throw notFound('找不到该附件 (no such attachment)');
        const etag = `"${file.sha256}"`;
        reply
          .header('content-type', file.content_type)
          .header('content-disposition', contentDisposition(file.filename, isInlineSafe(file.content_type)))
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "sandbox; default-src 'none'")
          .header('cache-control', 'private, max-age=3600')
          .header('etag', etag);
        if (req.headers['if-none-match'] === etag) return reply.code(304).send();
        return reply.send(Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength));
      },
    );
  };
}
