import { defineEntity } from '@kith/sdk';

/**
 * The lineage of a merge: which record survived, which was merged into it (and soft-deleted, so
 * it can be restored), and which relations were re-pointed. Written by POST /merge only.
 */
export const recordMergeEntity = defineEntity({
  name: 'recordMerge',
  label: { en: 'Merge', es: 'Fusión' },
  labelPlural: { en: 'Merges', es: 'Fusiones' },
  titleField: 'mergedTitle',
  fields: {
    entity: { type: 'select', required: true, options: ['account', 'contact'], label: { en: 'Entity', es: 'Entidad' } },
    survivorId: { type: 'integer', required: true, min: 1, label: { en: 'Survivor id', es: 'Id conservado' } },
    mergedId: { type: 'integer', required: true, min: 1, label: { en: 'Merged id', es: 'Id fusionado' } },
    mergedTitle: { type: 'text', maxLength: 255, label: { en: 'Merged record', es: 'Registro fusionado' } },
    // { "<entity>.<field>": [ids re-pointed] } and the fields copied onto the survivor.
    repointed: { type: 'json', label: { en: 'Re-pointed relations', es: 'Relaciones reasignadas' } },
    copiedFields: { type: 'json', label: { en: 'Fields copied', es: 'Campos copiados' } },
    // The merged record as it was, so nothing of it is lost even if it is purged later.
    snapshot: { type: 'json', label: { en: 'Merged record as it was', es: 'Registro fusionado tal como era' } },
  },
  indexes: [['entity', 'survivorId'], ['entity', 'mergedId']],
});
