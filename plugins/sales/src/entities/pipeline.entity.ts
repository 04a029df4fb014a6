import { defineEntity } from '@kith/sdk';

/**
 * A sales process. Pipelines and their stages are records, not code: a consultant adds a
 * pipeline, renames a stage or changes its probability through the API or the admin UI, and
 * plugin upgrades never touch them (the plugin only writes the defaults on first install).
 */
export const pipelineEntity = defineEntity({
  name: 'pipeline',
  label: { en: 'Pipeline', es: 'Embudo' },
  labelPlural: { en: 'Pipelines', es: 'Embudos' },
  titleField: 'name',
  fields: {
    name: { type: 'text', required: true, unique: true, maxLength: 100, label: { en: 'Name', es: 'Nombre' } },
    description: { type: 'longText', label: { en: 'Description', es: 'Descripción' } },
    isDefault: { type: 'boolean', default: false, label: { en: 'Default', es: 'Predeterminado' } },
    active: { type: 'boolean', default: true, label: { en: 'Active', es: 'Activo' } },
    openCount: {
      type: 'rollup',
      label: { en: 'Open opportunities', es: 'Oportunidades abiertas' },
      rollup: { relation: 'opportunities', op: 'count', where: { '==': [{ var: 'isClosed' }, false] } },
    },
  },
});

/** A step of a pipeline, with the probability an opportunity in it carries and whether it closes it. */
export const stageEntity = defineEntity({
  name: 'stage',
  label: { en: 'Stage', es: 'Etapa' },
  labelPlural: { en: 'Stages', es: 'Etapas' },
  titleField: 'name',
  fields: {
    name: { type: 'text', required: true, maxLength: 100, label: { en: 'Name', es: 'Nombre' } },
    pipeline: { type: 'relation', target: 'pipeline', inverse: 'stages', required: true, label: { en: 'Pipeline', es: 'Embudo' } },
    position: { type: 'integer', required: true, min: 0, label: { en: 'Position', es: 'Orden' } },
    probability: { type: 'percent', required: true, min: 0, max: 100, label: { en: 'Probability', es: 'Probabilidad' } },
    isWon: { type: 'boolean', default: false, label: { en: 'Won', es: 'Ganada' } },
    isLost: { type: 'boolean', default: false, label: { en: 'Lost', es: 'Perdida' } },
    active: { type: 'boolean', default: true, label: { en: 'Active', es: 'Activa' } },
  },
  indexes: [{ fields: ['pipeline', 'position'] }, { fields: ['pipeline', 'name'], unique: true }],
});
