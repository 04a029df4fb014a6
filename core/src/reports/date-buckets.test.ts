import { describe, expect, it } from 'vitest';
import { bucketLabel, bucketStartSql, isoWeekLabel } from './date-buckets.js';

describe('isoWeekLabel', () => {
  it.each([
    ['2025-12-22', '2025-W52'],
    ['2025-12-29', '2026-W01'], // Monday of the week holding 1 January 2026 (a Thursday)
    ['2026-12-28', '2026-W53'], // 2026 has 53 ISO weeks: 1 January 2027 is a Friday
    ['2027-01-04', '2027-W01'],
    ['2020-12-28', '2020-W53'],
    ['2021-01-04', '2021-W01'],
  ])('labels the week starting %s as %s', (monday, label) => {
    expect(isoWeekLabel(monday)).toBe(label);
  });
});

describe('bucketLabel', () => {
  it('reads the start date the database grouped on, whatever its form', () => {
    expect(bucketLabel('month', '2026-03-01')).toBe('2026-03');
    expect(bucketLabel('month', '2026-03-01T00:00:00.000Z')).toBe('2026-03');
    expect(bucketLabel('quarter', '2026-10-01')).toBe('2026-Q4');
    expect(bucketLabel('year', '2026-01-01')).toBe('2026');
    expect(bucketLabel('day', '2026-03-05T00:00:00.000Z')).toBe('2026-03-05');
    expect(bucketLabel('week', null)).toBeNull();
  });
});

describe('bucketStartSql', () => {
  it('truncates with date_trunc on PostgreSQL, in UTC for date-times', () => {
    expect(bucketStartSql('postgresql', 't."d"', 'date', 'week')).toBe(`date_trunc('week', t."d"::timestamp)`);
    expect(bucketStartSql('postgresql', 't."d"', 'datetime', 'month')).toBe(`date_trunc('month', (t."d" AT TIME ZONE 'UTC'))`);
  });

  it('reads prefixes of the stored ISO text on SQLite, and finds the Monday for weeks', () => {
    expect(bucketStartSql('sqlite', 'c', 'date', 'month')).toBe(`(substr(c, 1, 7) || '-01')`);
    expect(bucketStartSql('sqlite', 'c', 'datetime', 'week')).toBe(`date(substr(c, 1, 10), '-6 days', 'weekday 1')`);
  });
});
