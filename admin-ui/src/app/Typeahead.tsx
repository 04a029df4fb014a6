import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { api, query } from '../api/client.js';
import { loadEntities, personNames, searchPeople } from '../api/metadata.js';
import type { RecordRow } from '../api/types.js';
import { recordTitle } from './format.js';
import { useI18n } from './i18n.js';
import { recordTitles, titleSearch } from './names.js';

interface Choice {
  readonly id: number;
  readonly title: string;
}

/** Props of the type-ahead picker. */
export interface TypeaheadProps {
  readonly label: string;
  /** The entity to pick a record of; null picks a user. */
  readonly target: string | null;
  readonly value: number | null;
  readonly onChange: (id: number | null) => void;
  readonly id?: string;
  readonly required?: boolean;
  readonly disabled?: boolean;
  readonly invalid?: boolean;
  readonly describedBy?: string;
}

/**
 * Picks a record (or a user) by typing part of its title: an ARIA combobox with a listbox of
 * up to 8 matches, arrow keys to move, Enter to choose, Escape to close. Searches with the
 * caller's own permissions, so it offers only records they may read.
 */
export function Typeahead({ label, target, value, onChange, id, required, disabled, invalid, describedBy }: TypeaheadProps) {
  const i18n = useI18n();
  const listId = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [choices, setChoices] = useState<Choice[]>([]);
  const [active, setActive] = useState(0);
  const typing = useRef(false);

  // Show the chosen record's title.
  useEffect(() => {
    let live = true;
    if (value === null) {
      if (!typing.current) setText('');
      return;
    }
    const load = target === null ? personNames([value]).then((m) => m.get(value)!) : recordTitles(target, [value], i18n).then((m) => m.get(value)!);
    void load.then((title) => live && !typing.current && setText(title));
    return () => {
      live = false;
    };
  }, [value, target, i18n]);

  // Search as the user types (debounced; stale answers dropped).
  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        if (target === null) {
          setChoices((await searchPeople(text)).slice(0, 8).map((p) => ({ id: p.id, title: p.name })));
          return;
        }
        const entity = (await loadEntities()).find((e) => e.name === target);
        if (!entity) return;
        const page = await api<{ data: RecordRow[] }>('GET', `/records/${encodeURIComponent(target)}${query({ filter: text ? titleSearch(entity, text) : undefined, limit: 8, sort: entity.titleField && entity.fields.find((f) => f.name === entity.titleField)?.type !== 'personName' ? entity.titleField : undefined })}`, undefined, { signal: controller.signal });
        setChoices(page.data.map((r) => ({ id: r.id, title: recordTitle(entity, r, i18n) })));
        setActive(0);
      } catch (error) {
        if ((error as Error).name !== 'AbortError') setChoices([]);
      }
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, open, target, i18n]);

  const choose = (choice: Choice | null) => {
    typing.current = false;
    setOpen(false);
    setText(choice?.title ?? '');
    onChange(choice?.id ?? null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, Math.max(choices.length - 1, 0)));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (event.key === 'Enter' && open && choices[active]) {
      event.preventDefault();
      choose(choices[active]);
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  };

  return (
    <div className="typeahead">
      <input
        id={id}
        type="text"
        role="combobox"
        aria-label={id ? undefined : label}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && choices[active] ? `${listId}-${choices[active].id}` : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        aria-required={required || undefined}
        placeholder={i18n.t('form.search')}
        disabled={disabled}
        value={text}
        autoComplete="off"
        onChange={(e) => {
          typing.current = true;
          setText(e.target.value);
          setOpen(true);
          if (e.target.value === '' && value !== null) onChange(null);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul id={listId} role="listbox" className="typeahead-list" aria-label={label}>
          {choices.length === 0 && <li className="muted">{i18n.t('form.noMatch')}</li>}
          {choices.map((c, i) => (
            <li
              key={c.id}
              id={`${listId}-${c.id}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(c);
              }}
            >
              {c.title}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
