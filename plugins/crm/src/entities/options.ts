import type { SelectOptionInput } from '@kith/sdk';

/** Industries an account is filed under (values are stable API names; consultants relabel or add more). */
export const INDUSTRIES = [
  'agriculture',
  'construction',
  'education',
  'energy',
  'finance',
  'food-beverage',
  'healthcare',
  'hospitality',
  'logistics',
  'manufacturing',
  'media',
  'mining',
  'public-sector',
  'retail',
  'technology',
  'telecom',
  'other',
] as const;

/** Head-count bands, labelled in both languages. */
export const ACCOUNT_SIZES: readonly SelectOptionInput[] = [
  { value: 'micro', label: { en: '1–10 employees', es: '1–10 empleados' } },
  { value: 'small', label: { en: '11–50 employees', es: '11–50 empleados' } },
  { value: 'medium', label: { en: '51–250 employees', es: '51–250 empleados' } },
  { value: 'large', label: { en: '251–1,000 employees', es: '251–1.000 empleados' } },
  { value: 'enterprise', label: { en: 'More than 1,000 employees', es: 'Más de 1.000 empleados' } },
];

/** What the activity is. */
export const ACTIVITY_TYPES = ['call', 'email', 'meeting', 'visit', 'note', 'task'] as const;

/** Channels a contact may consent to be reached on, and activities travel through. */
export const CHANNELS = ['email', 'phone', 'sms', 'whatsapp', 'video', 'in-person', 'post'] as const;
