import { definePlugin, type PluginDefinition } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import { resolvePlugins } from './dependency-graph.js';

const plugin = (id: string, version = '1.0.0', requires: Record<string, string> = {}): PluginDefinition => definePlugin({ id, version, requires });
const ids = (list: readonly PluginDefinition[]) => list.map((p) => p.id);
const failure = (plan: ReturnType<typeof resolvePlugins>, id: string) => plan.failures.find((f) => f.plugin === id);

describe('resolvePlugins', () => {
  it('orders every plugin after the plugins it requires, keeping the listed order otherwise', () => {
    const plan = resolvePlugins([plugin('quotes', '1.0.0', { sales: '^2.0.0', crm: '>=1.2.0' }), plugin('marketing'), plugin('sales', '2.3.1', { crm: '^1.0.0' }), plugin('crm', '1.4.0')]);
    expect(ids(plan.order)).toEqual(['crm', 'sales', 'quotes', 'marketing']);
    expect(plan.failures).toEqual([]);
  });

  it('reports a missing dependency naming the plugin and the dependency, and fails its dependents', () => {
    const plan = resolvePlugins([plugin('sales', '1.0.0', { crm: '^1.0.0' }), plugin('quotes', '1.0.0', { sales: '^1.0.0' }), plugin('other')]);
    expect(failure(plan, 'sales')).toMatchObject({ code: 'KITH_PLUGIN_MISSING_DEPENDENCY', message: expect.stringMatching(/"sales" requires "crm" \^1\.0\.0/) });
    expect(failure(plan, 'quotes')).toMatchObject({ code: 'KITH_PLUGIN_DEPENDENCY_FAILED', message: expect.stringContaining('requires "sales", which failed') });
    expect(ids(plan.order)).toEqual(['other']);
  });

  it('reports a version outside the required range, with the version found', () => {
    const plan = resolvePlugins([plugin('crm', '2.0.0'), plugin('sales', '1.0.0', { crm: '^1.2.0' })]);
    expect(failure(plan, 'sales')).toMatchObject({ code: 'KITH_PLUGIN_INCOMPATIBLE_DEPENDENCY', message: expect.stringMatching(/"sales" requires "crm" \^1\.2\.0, but "crm" is version 2\.0\.0/) });
    expect(ids(plan.order)).toEqual(['crm']);
  });

  it('accepts pre-releases inside a range and reports a range that is not semver', () => {
    const plan = resolvePlugins([plugin('crm', '1.3.0-beta.1'), plugin('sales', '1.0.0', { crm: '^1.2.0' }), plugin('odd', '1.0.0', { crm: 'one or two' })]);
    expect(ids(plan.order)).toEqual(['crm', 'sales']);
    expect(failure(plan, 'odd')).toMatchObject({ code: 'KITH_PLUGIN_INVALID', message: expect.stringContaining('"one or two", which is not a semver range') });
  });

  it('reports every member of a cycle with the cycle path, fails dependents, keeps the rest', () => {
    const plan = resolvePlugins([plugin('a', '1.0.0', { b: '*' }), plugin('b', '1.0.0', { c: '*' }), plugin('c', '1.0.0', { a: '*' }), plugin('d', '1.0.0', { c: '*' }), plugin('e')]);
    expect(failure(plan, 'a')).toMatchObject({ code: 'KITH_PLUGIN_CYCLE', message: expect.stringContaining('a → b → c → a') });
    expect(failure(plan, 'c')).toMatchObject({ code: 'KITH_PLUGIN_CYCLE', message: expect.stringContaining('c → a → b → c') });
    expect(failure(plan, 'd')).toMatchObject({ code: 'KITH_PLUGIN_DEPENDENCY_FAILED', message: expect.stringContaining('"c"') });
    expect(ids(plan.order)).toEqual(['e']);
  });

  it('reports a plugin that requires itself as a cycle', () => {
    expect(failure(resolvePlugins([plugin('selfish', '1.0.0', { selfish: '^1.0.0' })]), 'selfish')).toMatchObject({ code: 'KITH_PLUGIN_CYCLE', message: expect.stringContaining('selfish → selfish') });
  });

  it('fails an id listed twice, with both versions, and its dependents', () => {
    const plan = resolvePlugins([plugin('crm', '1.0.0'), plugin('crm', '1.1.0'), plugin('sales', '1.0.0', { crm: '^1.0.0' })]);
    expect(plan.failures).toHaveLength(2);
    expect(failure(plan, 'crm')).toMatchObject({ code: 'KITH_PLUGIN_DUPLICATE', message: expect.stringContaining('1.0.0, 1.1.0') });
    expect(failure(plan, 'sales')).toMatchObject({ code: 'KITH_PLUGIN_DEPENDENCY_FAILED' });
  });

  it('lists every requirement problem of one plugin', () => {
    const plan = resolvePlugins([plugin('crm', '2.0.0'), plugin('sales', '1.0.0', { crm: '^1.0.0', erp: '^1.0.0' })]);
    expect(failure(plan, 'sales')?.errors?.map((e) => e.code)).toEqual(['KITH_PLUGIN_INCOMPATIBLE_DEPENDENCY', 'KITH_PLUGIN_MISSING_DEPENDENCY']);
  });

  it('leaves out a disabled plugin and reports its dependents as disabled, not failed', () => {
    const plan = resolvePlugins([plugin('crm'), plugin('sales', '1.0.0', { crm: '^1.0.0' }), plugin('quotes', '1.0.0', { sales: '^1.0.0' })], { disabled: new Set(['crm']) });
    expect(plan.disabled).toEqual([{ plugin: 'crm' }, { plugin: 'sales', because: 'crm' }, { plugin: 'quotes', because: 'sales' }]);
    expect(plan.failures).toEqual([]);
    expect(plan.order).toEqual([]);
  });

  it('fails the dependents of a plugin that failed before the graph (its definition threw)', () => {
    const plan = resolvePlugins([plugin('sales', '1.0.0', { crm: '^1.0.0' })], { failed: new Set(['crm']) });
    expect(failure(plan, 'sales')).toMatchObject({ code: 'KITH_PLUGIN_DEPENDENCY_FAILED' });
  });

  it('runs the last check in dependency order and fails the dependents of a plugin it rejects', () => {
    const seen: string[] = [];
    const plan = resolvePlugins([plugin('sales', '1.0.0', { crm: '^1.0.0' }), plugin('crm'), plugin('other')], {
      accept: (p) => {
        seen.push(p.id);
        return p.id === 'crm' ? { plugin: 'crm', code: 'KITH_PLUGIN_METADATA_INVALID', message: 'clash' } : undefined;
      },
    });
    expect(seen).toEqual(['crm', 'other']);
    expect(failure(plan, 'sales')).toMatchObject({ code: 'KITH_PLUGIN_DEPENDENCY_FAILED' });
    expect(ids(plan.order)).toEqual(['other']);
  });
});
