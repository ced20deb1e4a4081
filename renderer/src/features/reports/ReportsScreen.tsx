import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ServiceReport } from '../../../../protocol';
import { uiStore } from '../../stores/ui';
import { failureOf, failureText } from '../../app/failure';
import { focusInbox } from '../commands/run';
import { keyTargetOf } from '../shortcuts/keymap';
import { useWorkstation } from '../workspace/workstation';
import { Chart } from './Chart';
import { formatDuration, formatPercent, REPORT_CHARTS, type Translate } from './charts';
import { chinaMonth, exportFileName, isMonth, shiftMonth } from './month';
import './reports.css';

type Format = 'csv' | 'pdf';

const close = () => {
  uiStore.getState().setOverlay(null);
  focusInbox();
};

/** Hands a file to the user: the browser's download, or Electron's save dialog. */
function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: the download may still be reading the URL when click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The monthly service report for supervisors and admins: a month picker, the headline
 * figures, charts, and the CSV and PDF exports. Keys: [ and ] change the month, c and p export.
 */
export function ReportsScreen() {
  const { t } = useTranslation();
  const { agent } = useWorkstation();
  const titleId = useId();
  const ref = useRef<HTMLElement>(null);
  const leadsOnly = agent.role === 'agent';
  useEffect(() => {
    if (leadsOnly) ref.current?.focus();
  }, [leadsOnly]);

  return (
    <div className="overlay reports-overlay">
      <section
        ref={ref}
        className="reports"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        data-testid="reports"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            close();
          }
          // The workspace's shortcuts listen on the window; keys pressed here are the report's.
          e.stopPropagation();
        }}
      >
        {leadsOnly ? (
          <>
            <header className="reports-head">
              <h2 id={titleId}>{t('reports.title')}</h2>
              <span className="spacer" />
              <button type="button" onClick={close}>
                {t('reports.close')}
              </button>
            </header>
            <p className="notice" data-testid="reports-leads-only">
              {t('reports.onlyLeads')}
            </p>
          </>
        ) : (
          <MonthlyReport titleId={titleId} />
        )}
      </section>
    </div>
  );
}

function MonthlyReport({ titleId }: { titleId: string }) {
  const { t } = useTranslation();
  const { api } = useWorkstation();
  // Focus starts inside the report, so that its keys reach it from the first press.
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => body.current?.focus(), []);
  const [month, setMonth] = useState(() => chinaMonth(Date.now()));
  const report = useQuery({
    queryKey: ['service-report', month],
    queryFn: () => api.get(`/api/reports/service?month=${month}`, ServiceReport),
    staleTime: 60_000,
  });
  const exporting = useMutation({
    mutationFn: async (format: Format) => {
      const file = exportFileName(month, format);
      saveFile(await api.getBlob(`/api/reports/service.${format}?month=${month}`), file);
      return file;
    },
  });

  const move = (delta: number) => setMonth((m) => shiftMonth(m, delta));
  const exportAs = (format: Format) => {
    if (!exporting.isPending) exporting.mutate(format);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (keyTargetOf(e.target instanceof Element ? e.target : null) === 'editable' || e.ctrlKey || e.metaKey || e.altKey) return;
    const action = { '[': () => move(-1), ']': () => move(1), c: () => exportAs('csv'), p: () => exportAs('pdf') }[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  return (
    <div ref={body} className="reports-body" tabIndex={-1} onKeyDown={onKeyDown}>
      <header className="reports-head">
        <h2 id={titleId}>{t('reports.title')}</h2>
        <button type="button" onClick={() => move(-1)} aria-label={t('reports.prevMonth')} data-testid="reports-prev">
          ‹
        </button>
        <label className="reports-month">
          <span>{t('reports.month')}</span>
          <input
            type="month"
            value={month}
            onChange={(e) => isMonth(e.target.value) && setMonth(e.target.value)}
            data-testid="reports-month"
          />
        </label>
        <button type="button" onClick={() => move(1)} aria-label={t('reports.nextMonth')} data-testid="reports-next">
          ›
        </button>
        <span className="muted">{t('reports.timeZone')}</span>
        <span className="spacer" />
        <button type="button" onClick={() => exportAs('csv')} disabled={exporting.isPending} data-testid="reports-export-csv">
          {t('reports.exportCsv')} <kbd>c</kbd>
        </button>
        <button type="button" onClick={() => exportAs('pdf')} disabled={exporting.isPending} data-testid="reports-export-pdf">
          {t('reports.exportPdf')} <kbd>p</kbd>
        </button>
        <button type="button" onClick={close}>
          {t('reports.close')} <kbd>Esc</kbd>
        </button>
      </header>
      <p className="muted reports-hint">{t('reports.keysHint')}</p>
      <div className="reports-status" aria-live="polite" data-testid="reports-export-status">
        {exporting.isPending && (
          <>
            <progress />
            {t('reports.exporting', { format: exporting.variables.toUpperCase() })}
          </>
        )}
        {exporting.isSuccess && t('reports.exported', { file: exporting.data })}
        {exporting.isError && (
          <span className="error">
            {failureText(failureOf(exporting.error), 'reports.error', t)}
          </span>
        )}
      </div>
      {report.isPending ? (
        <p className="notice" data-testid="reports-loading">
          <progress /> {t('reports.loading')}
        </p>
      ) : report.isError ? (
        <p className="notice error" data-testid="reports-error">
          {failureText(failureOf(report.error), 'reports.error', t)}{' '}
          <button type="button" onClick={() => void report.refetch()}>
            {t('reports.retry')}
          </button>
        </p>
      ) : (
        <ReportView report={report.data} />
      )}
    </div>
  );
}

function ReportView({ report: r }: { report: ServiceReport }) {
  const { t, i18n } = useTranslation();
  const tr: Translate = useMemo(() => (key, options) => String(t(key as never, options as never)), [t]);
  const charts = useMemo(
    () => REPORT_CHARTS.map((c) => ({ ...c, built: c.has(r) ? c.option(r, tr) : null })),
    // The language is a dependency through tr; the options are rebuilt when it changes.
    [r, tr],
  );
  const money = new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'CNY' });
  const kpis = [
    { id: 'volume', value: String(r.volume.total), detail: '' },
    {
      id: 'firstResponse',
      value: formatDuration(r.times.firstResponse.p50, tr),
      detail: t('reports.kpi.timesDetail', { p90: formatDuration(r.times.firstResponse.p90, tr), p99: formatDuration(r.times.firstResponse.p99, tr) }),
    },
    {
      id: 'resolution',
      value: formatDuration(r.times.resolution.p50, tr),
      detail: t('reports.kpi.timesDetail', { p90: formatDuration(r.times.resolution.p90, tr), p99: formatDuration(r.times.resolution.p99, tr) }),
    },
    { id: 'sla', value: formatPercent(r.sla.overall.attainment), detail: t('reports.kpi.slaDetail', r.sla.overall) },
    { id: 'fcr', value: formatPercent(r.firstContactResolution.rate), detail: t('reports.kpi.fcrDetail', r.firstContactResolution) },
    {
      id: 'csat',
      value: formatPercent(r.csat.csat),
      detail: t('reports.kpi.csatDetail', { ...r.csat, average: r.csat.average === null ? '—' : r.csat.average.toFixed(2) }),
    },
    { id: 'repeat', value: formatPercent(r.repeatContacts.rate), detail: t('reports.kpi.repeatDetail', r.repeatContacts) },
    { id: 'compensation', value: money.format(r.compensation.amountCents / 100), detail: t('reports.kpi.compensationDetail', r.compensation) },
  ] as const;

  return (
    <div className="reports-content">
      {r.volume.total === 0 && <p className="notice">{t('reports.empty')}</p>}
      <dl className="reports-kpis">
        {kpis.map((k) => (
          <div key={k.id} className="reports-kpi" data-testid={`reports-kpi-${k.id}`}>
            <dt>{t(`reports.kpi.${k.id}`)}</dt>
            <dd>
              <strong>{k.value}</strong>
              {k.detail && <span className="muted">{k.detail}</span>}
            </dd>
          </div>
        ))}
      </dl>
      <div className="reports-charts">
        {charts.map((c) => (
          <figure key={c.id} className={'wide' in c && c.wide ? 'reports-figure wide' : 'reports-figure'}>
            <figcaption>{t(c.title)}</figcaption>
            {c.built ? (
              <Chart option={c.built} label={t(c.title)} testId={`reports-chart-${c.id}`} />
            ) : (
              <p className="muted reports-nodata">{t('reports.chart.noData')}</p>
            )}
          </figure>
        ))}
      </div>
    </div>
  );
}
