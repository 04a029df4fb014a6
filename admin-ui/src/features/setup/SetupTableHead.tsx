import { useI18n } from '../../app/i18n.js';

/** The header row of a setup table: its columns, then the actions column (named for screen readers only). */
export function SetupTableHead({ columns }: { columns: readonly string[] }) {
  const { t } = useI18n();
  return (
    <thead>
      <tr>
        {columns.map((label) => (
          <th key={label} scope="col">
            {label}
          </th>
        ))}
        <th scope="col">
          <span className="sr-only">{t('setup.actions')}</span>
        </th>
      </tr>
    </thead>
  );
}
