import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { api, query } from '../../api/client.js';
import { entityLabel } from '../../app/format.js';
import { useI18n } from '../../app/i18n.js';
import { navigate, paths } from '../../app/router.js';
import { useSession } from '../../app/session.js';
import { groupHits, type SearchHit } from './search-results.js';
import './search.css';

// The server takes words of letters and digits; anything else only separates them.
const hasWord = (text: string) => /[\p{L}\p{N}]/u.test(text);

/**
 * The header's search box: type-ahead over `GET /api/v1/search` (the records the user may read,
 * by their searchable fields), results grouped by entity; arrow keys move, Enter opens the
 * record, Escape closes.
 */
export function GlobalSearch() {
  const i18n = useI18n();
  const { t } = i18n;
  const { entities } = useSession();
  const listId = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [hits, setHits] = useState<readonly SearchHit[] | null>(null);
  const [active, setActive] = useState(0);

  useEffect(() => {
    if (!hasWord(text)) {
      setHits(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api<{ data: SearchHit[] }>('GET', `/search${query({ q: text.slice(0, 200), limit: 20 })}`, undefined, { signal: controller.signal }).then(
        (r) => {
          setHits(r.data);
          setActive(0);
        },
        (error: unknown) => (error as Error).name !== 'AbortError' && setHits([]),
      );
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  const groups = groupHits(hits ?? []);
  const ordered = groups.flatMap((g) => g.hits);
  const optionId = (h: SearchHit) => `${listId}-${h.entity}-${h.id}`;
  const openHit = (hit: SearchHit | undefined) => {
    if (!hit) return;
    setOpen(false);
    setText('');
    navigate(paths.record(hit.entity, hit.id));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, Math.max(ordered.length - 1, 0)));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      openHit(ordered[active]);
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  };
  const shown = open && hits !== null;

  return (
    <div className="global-search" role="search">
      <input
        type="search"
        role="combobox"
        aria-label={t('search.label')}
        aria-expanded={shown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown && ordered[active] ? optionId(ordered[active]) : undefined}
        placeholder={t('search.placeholder')}
        autoComplete="off"
        value={text}
        maxLength={200}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      <span className="sr-only" role="status" aria-live="polite">
        {shown ? (ordered.length ? t('search.results', { count: ordered.length }) : t('search.none', { q: text })) : ''}
      </span>
      {shown && (
        <div id={listId} role="listbox" aria-label={t('search.label')} className="search-results">
          {ordered.length === 0 && <p className="muted">{t('search.none', { q: text })}</p>}
          {groups.map((g) => {
            const label = entityLabel(entities.find((e) => e.name === g.entity), i18n, true) || g.entity;
            return (
              <div key={g.entity} role="group" aria-label={label}>
                <div className="search-group" aria-hidden="true">
                  {label}
                </div>
                {g.hits.map((h) => {
                  const here = ordered[active] === h;
                  return (
                    <div
                      key={h.id}
                      id={optionId(h)}
                      role="option"
                      aria-selected={here}
                      className={here ? 'active' : undefined}
                      onMouseDown={(e) => {
                        e.preventDefault();
                        openHit(h);
                      }}
                    >
                      {h.title || `#${h.id}`}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
