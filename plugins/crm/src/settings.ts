import { Type } from '@kith/sdk';

/** crm's settings (GET/PUT /api/v1/plugins/crm/settings). */
export const CrmSettings = Type.Object({
  timeline: Type.Object(
    {
      /** Entities (`"quote"`) or relations (`"lead.convertedAccount"`) left out of timelines. */
      exclude: Type.Array(Type.String({ maxLength: 120 }), { default: [], maxItems: 100 }),
      /** Entity → the date-time field that places its records on the timeline. */
      timeFields: Type.Record(Type.String(), Type.String({ maxLength: 64 }), { default: {} }),
    },
    { default: {} },
  ),
  duplicates: Type.Object(
    {
      /** How alike two names must be (Jaro-Winkler, 0–1) to be reported. */
      nameSimilarity: Type.Number({ minimum: 0.5, maximum: 1, default: 0.88 }),
    },
    { default: {} },
  ),
});
