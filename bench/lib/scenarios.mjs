import { CONCURRENT_BODY, CREATE_BODY } from './deal-shape.mjs';
import { fixedGet, jsonPost, randomId, varyingGet } from './load.mjs';

const LIST_FILTER = encodeURIComponent(JSON.stringify({ stage: 'won' }));

/**
 * The measured scenarios, as request templates for each side. `rows` is how many deals exist
 * (ids spread over all of them); `auth` is Kith's Authorization header.
 */
export function kithRequests(rows, auth) {
  const headers = { authorization: auth };
  return {
    get: varyingGet(() => `/api/v1/records/deal/${randomId(rows)}`, headers),
    list: fixedGet(`/api/v1/records/deal?filter=${LIST_FILTER}&sort=-amount&limit=50`, headers),
    create: jsonPost('/api/v1/records/deal', CREATE_BODY, headers),
    concurrentCreate: (onResponse) => jsonPost('/api/v1/records/deal', CONCURRENT_BODY, headers, onResponse),
  };
}

/** The same work on the raw fastify + driver routes. */
export function rawRequests(rows) {
  return {
    get: varyingGet(() => `/deal/${randomId(rows)}`),
    list: fixedGet('/deals?stage=won&limit=50'),
    create: jsonPost('/deal', CREATE_BODY),
    concurrentCreate: (onResponse) => jsonPost('/deal', CONCURRENT_BODY, {}, onResponse),
  };
}

/** What each scenario is, and the Kith/raw ratio it should reach (undefined: reported only). */
export const SCENARIOS = {
  get: { label: 'get by id', target: 0.6 },
  list: { label: 'list 50 (filter+sort)', target: 0.5 },
  create: { label: 'create one', target: 0.5 },
  concurrentCreate: { label: 'create, 20 connections', target: undefined },
  permList: { label: 'list 50, won by amount', target: undefined },
};

/**
 * What each side answers for one get and one list page (cursor left out: Kith signs it),
 * so the run can show both sides return the same records before it times them.
 */
export async function sampleAnswers(baseUrl, requests) {
  const fetchJson = async ({ path, headers }) => (await fetch(`${baseUrl}${path}`, { headers })).json();
  const [record, page] = await Promise.all([fetchJson({ ...requests.get, path: requests.get.path.replace(/\d+$/, '4242') }), fetchJson(requests.list)]);
  return JSON.stringify([record, page.data]);
}
