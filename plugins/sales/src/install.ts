import type { PluginContext, RecordInput } from '@kith/sdk';

/** A default pipeline, as written on first install. */
interface PipelineSeed {
  readonly name: string;
  readonly description: string;
  readonly isDefault: boolean;
  readonly stages: readonly (readonly [name: string, probability: number, flag?: 'won' | 'lost'])[];
}

/** The pipelines a fresh install starts with; afterwards they are the client's data. */
export const DEFAULT_PIPELINES: readonly PipelineSeed[] = [
  {
    name: 'New business',
    description: 'First sale to a new or existing account.',
    isDefault: true,
    stages: [['Prospecting', 10], ['Qualification', 20], ['Proposal', 50], ['Negotiation', 75], ['Closed won', 100, 'won'], ['Closed lost', 0, 'lost']],
  },
  {
    name: 'Renewals',
    description: 'Maintenance contracts and subscriptions coming up for renewal.',
    isDefault: false,
    stages: [['Upcoming', 60], ['In negotiation', 80], ['Renewed', 100, 'won'], ['Churned', 0, 'lost']],
  },
];

/**
 * Writes the default pipelines and stages once, in the install transaction. They are records,
 * so a consultant edits them like any data and upgrades of the plugin never overwrite them.
 */
export async function installSales(ctx: PluginContext): Promise<void> {
  for (const p of DEFAULT_PIPELINES) {
    const pipeline = await ctx.records.create('pipeline', { name: p.name, description: p.description, isDefault: p.isDefault });
    await ctx.records.bulkCreate(
      'stage',
      p.stages.map(([name, probability, flag], position): RecordInput => ({ name, pipeline: pipeline.id, position, probability, isWon: flag === 'won', isLost: flag === 'lost' })),
    );
  }
}
