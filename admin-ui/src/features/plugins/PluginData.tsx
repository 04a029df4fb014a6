import { useI18n } from '../../app/i18n.js';

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const scalar = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/**
 * What a plugin's GET route answered, shown without plugin code in the browser: a list of
 * objects as a table, an object as label–value rows (a `data` list inside it as a table), and
 * anything else as JSON.
 */
export function PluginData({ value }: { value: unknown }) {
  const { t } = useI18n();
  if (Array.isArray(value)) {
    if (value.length === 0) return <p className="muted">{t('plugin.empty')}</p>;
    if (!value.every(isPlain)) return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
    const columns = [...new Set(value.flatMap((row) => Object.keys(row)))];
    return (
      <div className="table-wrap">
        <table className="records">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {value.map((row, i) => (
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c} data-label={c}>
                    {scalar(row[c])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  if (isPlain(value)) {
    const { data, ...rest } = value;
    return (
      <>
        {Object.keys(rest).length > 0 && (
          <dl className="fields">
            {Object.entries(rest).map(([k, v]) => (
              <div key={k} className="field-row">
                <dt>{k}</dt>
                <dd>{scalar(v) || t('form.none')}</dd>
              </div>
            ))}
          </dl>
        )}
        {Array.isArray(data) && <PluginData value={data} />}
      </>
    );
  }
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}
