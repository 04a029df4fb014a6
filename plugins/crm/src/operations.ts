import { defineOperation } from '@kith/sdk';
import { domainOf } from './duplicates/normalise.js';

/** `{"crm.domainOf": [{"var": "website"}]}`: the web domain of a URL or an e-mail (`https://www.acme.com/x` → `acme.com`). */
export const domainOfOperation = defineOperation({
  name: 'domainOf',
  description: 'The web domain of a URL or e-mail address, without "www.", lower-case; null when there is none.',
  fn: (value) => domainOf(value),
});
