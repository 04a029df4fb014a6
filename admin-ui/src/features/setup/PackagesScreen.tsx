import { useState } from 'react';
import { useI18n } from '../../app/i18n.js';
import { useSession } from '../../app/session.js';
import { changeSign, packageDiff, type FileDiff } from './package-diff.js';
import { setupApi, type PackageFiles, type PackagePlan, type PlannedChange } from './setup-api.js';
import { Problems, SetupPage } from './setup-ui.js';

/** Saves text as a file in the browser. */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The files of a package file: `{ "files": { path: text } }`, as export writes it. */
function filesOf(text: string): PackageFiles {
  const parsed = JSON.parse(text) as { files?: unknown };
  if (!parsed || typeof parsed.files !== 'object' || parsed.files === null) throw new Error('not a package: expected {"files": {…}}');
  return parsed.files as PackageFiles;
}

/**
 * Customisation packages: export this instance's customisations, open a package and see its
 * plan — each change, the rows at risk, and a readable diff against this instance's own
 * export — then apply it.
 */
export default function PackagesScreen() {
  const { t } = useI18n();
  const { refresh } = useSession();
  const [exported, setExported] = useState<{ files: PackageFiles; leftOut?: readonly { seq: number; message: string }[] } | null>(null);
  const [incoming, setIncoming] = useState<{ name: string; files: PackageFiles } | null>(null);
  const [plan, setPlan] = useState<PackagePlan | null>(null);
  const [diff, setDiff] = useState<FileDiff[]>([]);
  const [confirm, setConfirm] = useState(false);
  const [applied, setApplied] = useState<{ applied: number; changes: readonly PlannedChange[] } | null>(null);
  const [error, setError] = useState<unknown>(null);

  const doExport = async () => {
    setError(null);
    try {
      setExported(await setupApi.exportPackage());
    } catch (e) {
      setError(e);
    }
  };
  const open = async (file: File) => {
    setError(null);
    setPlan(null);
    setApplied(null);
    try {
      const files = filesOf(await file.text());
      setIncoming({ name: file.name, files });
      const [p, here] = await Promise.all([setupApi.planPackage(files), setupApi.exportPackage()]);
      setPlan(p);
      setDiff(packageDiff(here.files, files));
    } catch (e) {
      setError(e);
    }
  };
  const apply = async () => {
    if (!incoming) return;
    setError(null);
    try {
      setApplied(await setupApi.applyPackage(incoming.files, confirm));
      setPlan(null);
      await refresh();
    } catch (e) {
      setError(e);
    }
  };
  const destructive = plan?.changes.filter((c) => c.destructive).length ?? 0;

  return (
    <SetupPage title={t('setup.packages')} intro={t('packages.intro')}>
      <section className="panel" aria-labelledby="export-title">
        <h2 id="export-title">{t('packages.export')}</h2>
        <div className="actions">
          <button type="button" onClick={() => void doExport()}>
            {t('packages.exportRun')}
          </button>
          {exported && (
            <button type="button" className="primary" onClick={() => download(`kith-package-${new Date().toISOString().slice(0, 10)}.json`, `${JSON.stringify({ files: exported.files }, null, 2)}\n`)}>
              {t('packages.download')}
            </button>
          )}
        </div>
        {exported && (
          <>
            <p role="status">{t('packages.exported', { count: Object.keys(exported.files).length })}</p>
            <ul className="files">
              {Object.entries(exported.files).map(([path, text]) => (
                <li key={path}>
                  <details>
                    <summary>
                      <code>{path}</code>
                    </summary>
                    <pre className="json">{text}</pre>
                  </details>
                </li>
              ))}
            </ul>
            {exported.leftOut && exported.leftOut.length > 0 && (
              <div className="notice warning">
                <strong>{t('packages.leftOut')}</strong>
                <ul>
                  {exported.leftOut.map((c) => (
                    <li key={c.seq}>
                      #{c.seq}: {c.message}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="plan-title">
        <h2 id="plan-title">{t('packages.plan')}</h2>
        <label className="block">
          {t('packages.open')}
          <input type="file" accept=".json,application/json" onChange={(e) => e.target.files?.[0] && void open(e.target.files[0])} />
        </label>
        <Problems error={error} />
        {plan && (
          <div className="plan" role="region" aria-label={t('packages.planOf', { name: incoming?.name ?? '' })}>
            <p role="status">
              <strong>{plan.changes.length === 0 ? t('packages.nothing') : t('packages.toApply', { count: plan.changes.length, destructive })}</strong>
            </p>
            {plan.plugins.map((p) => (
              <p key={p.plugin} className="notice warning">
                {t('packages.pluginDiffers', { plugin: p.plugin, package: p.package ?? '—', target: p.target ?? '—' })}
              </p>
            ))}
            {plan.changes.length > 0 && (
              <ol className="plan-changes">
                {plan.changes.map((c) => (
                  <li key={`${c.file}[${c.index}]`} className={`sign-${changeSign(c) === '!' ? 'bang' : changeSign(c) === '+' ? 'plus' : changeSign(c) === '-' ? 'minus' : 'tilde'}`}>
                    <code className="sign">{changeSign(c)}</code> {c.summary}
                    {c.risk && <span className="risk"> — {c.risk}</span>} <span className="muted">({`${c.file}[${c.index}]`})</span>
                  </li>
                ))}
              </ol>
            )}
            {plan.onlyInTarget.length > 0 && (
              <>
                <h3>{t('packages.onlyHere', { count: plan.onlyInTarget.length })}</h3>
                <ul>
                  {plan.onlyInTarget.map((c, i) => (
                    <li key={i}>{c.summary}</li>
                  ))}
                </ul>
              </>
            )}
            {diff.length > 0 && (
              <>
                <h3>{t('packages.diff')}</h3>
                <DiffView diff={diff} />
              </>
            )}
            {plan.changes.length > 0 && (
              <div className="actions form-actions">
                {destructive > 0 && (
                  <label className="inline">
                    <input type="checkbox" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} />
                    {t('packages.confirmDestructive', { count: destructive })}
                  </label>
                )}
                <button type="button" className="primary" disabled={destructive > 0 && !confirm} onClick={() => void apply()}>
                  {t('packages.apply', { count: plan.changes.length })}
                </button>
              </div>
            )}
          </div>
        )}
        {applied && (
          <p className="notice" role="status">
            {t('packages.applied', { count: applied.applied })}
          </p>
        )}
      </section>
    </SetupPage>
  );
}

/** A unified diff, file by file, for reading. */
function DiffView({ diff }: { diff: readonly FileDiff[] }) {
  const { t } = useI18n();
  return (
    <div className="diff">
      {diff.map((f) => (
        <details key={f.path} open={f.hunks.reduce((n, h) => n + h.lines.length, 0) <= 40}>
          <summary>
            <code>{f.path}</code> <span className={`badge diff-${f.status}`}>{t(`packages.file.${f.status}`)}</span>
          </summary>
          <pre>
            {f.hunks.map((h, i) => (
              <span key={i}>
                <span className="hunk">{h.header}</span>
                {'\n'}
                {h.lines.map((l, j) => (
                  <span key={j} className={l.kind === '+' ? 'add' : l.kind === '-' ? 'del' : 'ctx'}>
                    {l.kind}
                    {l.text}
                    {'\n'}
                  </span>
                ))}
              </span>
            ))}
          </pre>
        </details>
      ))}
    </div>
  );
}
