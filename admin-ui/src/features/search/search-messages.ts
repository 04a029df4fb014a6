/** The global search's text in English (spread into the UI's messages). */
export const searchEn = {
  'search.label': 'Search everything',
  'search.placeholder': 'Search…',
  'search.none': 'Nothing found for “{q}”.',
  'search.results': '{count} results',
} as const;

/** Spanish. */
export const searchEs: Record<keyof typeof searchEn, string> = {
  'search.label': 'Buscar en todo',
  'search.placeholder': 'Buscar…',
  'search.none': 'No se encontró nada para «{q}».',
  'search.results': '{count} resultados',
};
