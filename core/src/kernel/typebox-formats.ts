import { FormatRegistry } from '@sinclair/typebox';

/**
 * The JSON Schema string formats plugin authors reach for in settings and route schemas.
 * TypeBox checks only formats that are registered, and refuses the rest as "Unknown format",
 * so Kith registers the common ones once per process (a plugin's own registration wins).
 */
const FORMATS: Readonly<Record<string, (value: string) => boolean>> = {
  uri: (v) => {
    try {
      return /^[a-z][a-z0-9+.-]*:/i.test(v) && new URL(v).protocol !== '';
    } catch {
      return false;
    }
  },
  email: (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) && v.length <= 254,
  'date-time': (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)),
  date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)),
  uuid: (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
};

for (const [name, check] of Object.entries(FORMATS)) if (!FormatRegistry.Has(name)) FormatRegistry.Set(name, check);

/** The formats Kith registers (for docs and tests). */
export const KNOWN_FORMATS = Object.keys(FORMATS);
