import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { ALL_VIEWS, CATEGORY_VIEWS, CHANNEL_VIEWS, countViews, FIXED_VIEWS, STATUS_VIEWS, type InboxView } from '../../data';
import { uiStore, useUi } from '../../stores/ui';
import { useWorkstation } from '../workspace/workstation';
import { useViewContext } from './useViewContext';
import { viewName } from './view-names';
import './view-nav.css';

/** Counts above this show as "999+": each range is read for at most this many keys. */
const COUNT_CAP = 999;

const SECTIONS: ReadonlyArray<{ title: 'views.label' | 'views.byStatus' | 'views.byChannel' | 'views.byCategory'; views: readonly InboxView[] }> = [
  { title: 'views.label', views: FIXED_VIEWS },
  { title: 'views.byStatus', views: STATUS_VIEWS },
  { title: 'views.byChannel', views: CHANNEL_VIEWS },
  { title: 'views.byCategory', views: CATEGORY_VIEWS },
];

/** Every inbox view with how many conversations it holds; 1–5 switch the first five, v opens a chooser. */
export function ViewNav() {
  const { t } = useTranslation();
  const { db } = useWorkstation();
  const ctx = useViewContext();
  const view = useUi((s) => s.view);
  const counts = useLiveQuery(() => countViews(db, ALL_VIEWS, ctx, COUNT_CAP), [db, ctx]);

  return (
    <nav className="view-nav" aria-label={t('views.label')}>
      {SECTIONS.map((section) => (
        <section key={section.title}>
          <h2>{t(section.title)}</h2>
          <ul>
            {section.views.map((v) => {
              const n = counts?.[v];
              const fixed = FIXED_VIEWS.indexOf(v as (typeof FIXED_VIEWS)[number]);
              return (
                <li key={v}>
                  <button
                    type="button"
                    className={v === view ? 'is-current' : undefined}
                    aria-pressed={v === view}
                    onClick={() => uiStore.getState().setView(v)}
                    data-testid={`view-${v}`}
                  >
                    <span className="view-name">{viewName(t, v)}</span>
                    {fixed >= 0 && <kbd>{fixed + 1}</kbd>}
                    {n !== undefined && n > 0 && <span className="view-count">{n > COUNT_CAP ? `${COUNT_CAP}+` : n}</span>}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </nav>
  );
}
