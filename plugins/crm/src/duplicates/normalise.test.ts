import { describe, expect, it } from 'vitest';
import { afterPosition, decodeCursor, encodeCursor } from '../timeline/timeline-cursor.js';
import { companyKey, domainOf, personKey, similarity } from './normalise.js';

describe('duplicate keys', () => {
  it('reduces URLs and e-mails to a web domain', () => {
    expect(domainOf('https://www.Cementos.com.pe/contacto?x=1')).toBe('cementos.com.pe');
    expect(domainOf('cementos.com.pe')).toBe('cementos.com.pe');
    expect(domainOf('Rosa.Villanueva@CEMENTOS.com.pe')).toBe('cementos.com.pe');
    expect(domainOf('')).toBeNull();
    expect(domainOf(42)).toBeNull();
  });

  it('drops accents, punctuation and legal forms from company names', () => {
    expect(companyKey('Industrias Pérez S.A.C.')).toBe('industrias perez');
    expect(companyKey('CEMENTOS DEL NORTE SAA')).toBe(companyKey('Cementos del Norte S.A.A.'));
    expect(companyKey('S.A.')).toBe('sa'); // nothing but noise: keep it rather than compare empty strings
    expect(personKey('María Elena', 'Torres')).toBe('maria elena torres');
  });

  it('scores similar names high and different ones low', () => {
    expect(similarity('agroindustrias andina', 'agroindustria andina')).toBeGreaterThan(0.95);
    expect(similarity('cementos norte', 'textiles valle')).toBeLessThan(0.7);
    expect(similarity('', '')).toBe(0);
  });
});

describe('timeline cursor', () => {
  it('round-trips and refuses what it did not make', () => {
    const position = { at: '2030-01-05T10:00:00.000Z', entity: 'activity', id: 12 };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
    expect(decodeCursor('nonsense')).toBeUndefined();
  });

  it('continues after the position: older, or later entities at the same instant, or lower ids in the same entity', () => {
    const at = '2030-01-05T10:00:00.000Z';
    const p = { at, entity: 'contact', id: 7 };
    expect(afterPosition('activity', 'occurredAt', p)).toEqual({ occurredAt: { $lt: at } });
    expect(afterPosition('opportunity', 'createdAt', p)).toEqual({ createdAt: { $lte: at } });
    expect(afterPosition('contact', 'createdAt', p)).toEqual({ $or: [{ createdAt: { $lt: at } }, { createdAt: at, id: { $lt: 7 } }] });
  });
});
