import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ReportQuery, ServiceReport } from '../../../protocol/reports';
import type { ServerDeps } from '../app';
import { requireRole } from '../auth/guard';
import { HttpError } from '../http/errors';
import { DEFAULT_POLICIES } from '../pipeline/policies';
import { reportCsv } from './csv';
import { reportFontCandidates } from './font';
import { serviceReport } from './load';
import { NoReportFontError, reportPdf } from './pdf';
import { reportPeriod } from './period';

const fileName = (q: ReportQuery, ext: string) => `kadesk-service-report-${reportPeriod(q).label.replace('..', '_')}.${ext}`;

const noFont = (err: NoReportFontError) =>
  new HttpError(
    503,
    'report_font_missing',
    '服务器上没有可用的中文字体，无法生成 PDF。请在服务器上安装中文字体（如 Debian/Ubuntu 的 fonts-noto-cjk），或用 KADESK_REPORT_FONT 指定字体文件；CSV 导出不受影响 ' +
      '(no Chinese font on the server: install one, e.g. fonts-noto-cjk, or set KADESK_REPORT_FONT; CSV export still works)',
    { tried: err.tried },
  );

/** The service report (supervisor and admin): figures as JSON, and the monthly export as CSV and PDF. */
export function reportRoutes({ db }: ServerDeps) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['reports'];
    const preHandler = requireRole('supervisor', 'admin');
    const load = (q: ReportQuery) => db.snapshot((tx) => serviceReport(tx, reportPeriod(q), DEFAULT_POLICIES));

    r.get('/api/reports/service', { preHandler, schema: { tags, querystring: ReportQuery, response: { 200: ServiceReport } } }, (req) =>
      load(req.query),
    );

    r.get('/api/reports/service.csv', { preHandler, schema: { tags, querystring: ReportQuery } }, async (req, reply) => {
      const csv = reportCsv(await load(req.query));
      return reply
        .header('Content-Type', 'text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${fileName(req.query, 'csv')}"`)
        .send(csv);
    });

    r.get('/api/reports/service.pdf', { preHandler, schema: { tags, querystring: ReportQuery } }, async (req, reply) => {
      const report = await load(req.query);
      let pdf: Buffer;
      try {
        pdf = await reportPdf(report, reportFontCandidates());
      } catch (err) {
        throw err instanceof NoReportFontError ? noFont(err) : err;
      }
      return reply
        .header('Content-Type', 'application/pdf')
        .header('Content-Disposition', `attachment; filename="${fileName(req.query, 'pdf')}"`)
        .send(pdf);
    });
  };
}
