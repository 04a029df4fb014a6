import { useId, useMemo, useState } from 'react';
import { formatQuery, QueryBuilder, type Field, type RuleGroupType } from 'react-querybuilder';
import { parseJsonLogic } from 'react-querybuilder/parseJsonLogic';
import 'react-querybuilder/dist/query-builder.css';
import { useI18n } from '../../app/i18n.js';
import { emptyQuery } from './condition-fields.js';

/** The JsonLogic of a query; undefined when it has no rules. */
export function toJsonLogic(query: RuleGroupType): unknown {
  if (query.rules.length === 0) return undefined;
  return formatQuery(query, { format: 'jsonlogic', parseNumbers: true });
}

/**
 * The builder's query for a JsonLogic condition, or null when the builder cannot show it
 * exactly (`!` of a bare variable, arithmetic, `reduce`…): then it is edited as JSON, never
 * silently rewritten.
 */
export function fromJsonLogic(logic: unknown, fields: readonly Field[]): RuleGroupType | null {
  if (logic === undefined || logic === null) return emptyQuery();
  try {
    const query = parseJsonLogic(logic as Parameters<typeof parseJsonLogic>[0], { fields: fields.map((f) => ({ ...f, value: f.name })) });
    return JSON.stringify(toJsonLogic(query)) === JSON.stringify(logic) ? query : null;
  } catch {
    return null;
  }
}

/** Props of the condition builder. */
export interface ConditionBuilderProps {
  readonly label: string;
  readonly fields: readonly Field[];
  readonly value: unknown;
  readonly onChange: (logic: unknown) => void;
}

/**
 * A JsonLogic condition, built with react-querybuilder (fields, operators and values that fit
 * each field's type) or typed as JSON; the JSON it stands for is shown under it.
 */
export function ConditionBuilder({ label, fields, value, onChange }: ConditionBuilderProps) {
  const { t } = useI18n();
  const id = useId();
  const initial = useMemo(() => fromJsonLogic(value, fields), []); // eslint-disable-line react-hooks/exhaustive-deps
  const [query, setQuery] = useState<RuleGroupType>(initial ?? emptyQuery());
  const [asJson, setAsJson] = useState(initial === null);
  const [text, setText] = useState(() => (value === undefined ? '' : JSON.stringify(value, null, 2)));
  const [jsonError, setJsonError] = useState<string | null>(null);

  const translations = useMemo(
    () => ({
      fields: { title: t('cond.field'), placeholderLabel: t('cond.pickField') },
      operators: { title: t('cond.operator') },
      value: { title: t('cond.value') },
      addRule: { label: t('cond.addRule'), title: t('cond.addRule') },
      addGroup: { label: t('cond.addGroup'), title: t('cond.addGroup') },
      removeRule: { label: '×', title: t('cond.removeRule') },
      removeGroup: { label: '×', title: t('cond.removeGroup') },
      combinators: { title: t('cond.combinator') },
      notToggle: { label: t('cond.not'), title: t('cond.not') },
    }),
    [t],
  );

  const switchToJson = () => {
    setText(value === undefined ? '' : JSON.stringify(value, null, 2));
    setJsonError(null);
    setAsJson(true);
  };
  const switchToBuilder = () => {
    const parsed = fromJsonLogic(value, fields);
    if (!parsed) {
      setJsonError(t('cond.notBuildable'));
      return;
    }
    setQuery(parsed);
    setAsJson(false);
  };

  return (
    <fieldset className="condition">
      <legend>{label}</legend>
      {asJson ? (
        <>
          <label htmlFor={`${id}-json`} className="sr-only">
            {t('cond.json')}
          </label>
          <textarea
            id={`${id}-json`}
            className="code"
            rows={6}
            value={text}
            aria-invalid={jsonError ? true : undefined}
            onChange={(e) => {
              setText(e.target.value);
              if (e.target.value.trim() === '') {
                setJsonError(null);
                onChange(undefined);
                return;
              }
              try {
                onChange(JSON.parse(e.target.value));
                setJsonError(null);
              } catch {
                setJsonError(t('cond.badJson'));
              }
            }}
          />
        </>
      ) : (
        <QueryBuilder
          fields={fields as Field[]}
          query={query}
          onQueryChange={(q) => {
            setQuery(q);
            onChange(toJsonLogic(q));
          }}
          combinators={[
            { name: 'and', label: t('cond.and') },
            { name: 'or', label: t('cond.or') },
          ]}
          translations={translations}
          resetOnFieldChange
          showNotToggle
          controlClassnames={{ queryBuilder: 'queryBuilder-branches' }}
        />
      )}
      {jsonError && <p className="field-error">{jsonError}</p>}
      <div className="actions">
        {asJson ? (
          <button type="button" className="link" onClick={switchToBuilder}>
            {t('cond.useBuilder')}
          </button>
        ) : (
          <button type="button" className="link" onClick={switchToJson}>
            {t('cond.editJson')}
          </button>
        )}
        {!asJson && value !== undefined && <code className="logic">{JSON.stringify(value)}</code>}
      </div>
    </fieldset>
  );
}
