import type { Command } from 'commander';
import type { KithApp } from '../kernel/create-app.js';
import { SearchErrors } from './search-errors.js';
import { searchableEntities } from './search-fields.js';

/** `kith search reindex [--entity <name>…]`: rebuilds the search index from the stored records. */
export function registerSearchCommands(program: Command, bootApp: () => Promise<KithApp>): void {
  program
    .command('search')
    .description('global search index')
    .command('reindex')
    .description('rebuild the search index from the stored records (all searchable entities, or --entity ones), and exit; searches keep working meanwhile')
    .option('--entity <name...>', 'only these entities')
    .action(async (opts: { entity?: string[] }) => {
      const app = await bootApp();
      try {
        await app.search.idle(); // a catch-up the start began finishes first, so nothing is built twice at once
        const searchable = [...searchableEntities(app.registry.model).keys()];
        const unknown = opts.entity?.find((e) => !searchable.includes(e));
        if (unknown !== undefined) throw SearchErrors.entityNotSearchable(unknown, searchable);
        const done = await app.search.reindex(app.registry.model, opts.entity);
        if (done.length === 0) process.stdout.write('no entity has searchable fields (mark a field "searchable": true)\n');
        for (const d of done) process.stdout.write(`${d.entity}: ${d.records.toLocaleString('en-US')} records indexed in ${Math.round(d.ms)} ms\n`);
      } finally {
        await app.close();
      }
    });
}
