import type { ObjectFieldTemplateProps } from '@rjsf/utils';
import type { FormSection } from './form-layout.js';
import './form-layout.css';

/**
 * RJSF's template for the form's root object, drawn in the layout's sections: a heading each,
 * fields in one or two columns. Fields RJSF renders that no section names go last.
 */
export function FormSections({ properties, uiSchema, description }: ObjectFieldTemplateProps) {
  const sections = ((uiSchema?.['ui:options'] as { sections?: FormSection[] } | undefined)?.sections ?? []) as FormSection[];
  const byName = new Map(properties.map((p) => [p.name, p]));
  const named = new Set(sections.flatMap((s) => s.fields));
  const loose = properties.filter((p) => !named.has(p.name) && !p.hidden);
  return (
    <div className="form-sections">
      {description}
      {sections.map((s, i) => (
        <section key={i} className="form-section" aria-labelledby={s.title ? `form-section-${i}` : undefined}>
          {s.title && (
            <h2 className="form-section-title" id={`form-section-${i}`}>
              {s.title}
            </h2>
          )}
          <div className={s.columns === 2 ? 'form-section-grid two' : 'form-section-grid'}>
            {s.fields.map((f) => {
              const p = byName.get(f);
              return p && !p.hidden ? <div key={f}>{p.content}</div> : null;
            })}
          </div>
        </section>
      ))}
      {loose.map((p) => (
        <div key={p.name}>{p.content}</div>
      ))}
    </div>
  );
}
