import { useId } from 'react';
import type { EntityMeta } from '../../api/types.js';
import { pathLabel, systemFields } from '../../app/format.js';
import { useI18n } from '../../app/i18n.js';

/** Checkboxes for the columns of a list, in the entity's field order (system fields last). */
export function ColumnPicker({ entity, columns, onChange }: { entity: EntityMeta; columns: readonly string[]; onChange: (columns: string[]) => void }) {
  const i18n = useI18n();
  const id = useId();
  const all = [...entity.fields.filter((f) => !f.hidden).map((f) => f.name), ...systemFields];
  const chosen = new Set(columns);
  return (
    <fieldset className="column-picker">
      <legend id={id} className="panel-title">
        {i18n.t('columns.title')}
      </legend>
      {all.map((name) => (
        <label key={name} className="choice">
          <input
            type="checkbox"
            checked={chosen.has(name)}
            onChange={(e) => {
              // Keep the user's order for kept columns; a new one goes where the entity has it.
              const next = e.target.checked ? all.filter((n) => chosen.has(n) || n === name) : columns.filter((c) => c !== name);
              if (next.length > 0) onChange(e.target.checked ? [...columns.filter((c) => next.includes(c)), name] : next);
            }}
          />
          {pathLabel(entity, name, i18n)}
        </label>
      ))}
    </fieldset>
  );
}
