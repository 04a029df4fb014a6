/** @kith/plugin-sales — leads and their conversion, opportunities in pipelines, products, price books and quotes. */
import { definePlugin } from '@kith/sdk';
import { leadEntity } from './entities/lead.entity.js';
import { opportunityEntity } from './entities/opportunity.entity.js';
import { pipelineEntity, stageEntity } from './entities/pipeline.entity.js';
import { priceBookEntryEntity, productEntity } from './entities/product.entity.js';
import { quoteEntity, quoteLineEntity } from './entities/quote.entity.js';
import { installSales } from './install.js';
import { salesRoles } from './roles.js';
import { boardRoute } from './routes/board.route.js';
import { convertLeadRoute } from './routes/convert-lead.route.js';
import { crossSellRoute } from './routes/cross-sell.route.js';
import { forecastRoute } from './routes/forecast.route.js';
import { addQuoteLineRoute, orderQuoteRoute } from './routes/quotes.route.js';
import { salesRules } from './rules.js';
import { seedSales } from './seed/seed.js';
import { salesWorkflows } from './workflows.js';

export { leadEntity, opportunityEntity, pipelineEntity, stageEntity, productEntity, priceBookEntryEntity, quoteEntity, quoteLineEntity };
export { DEFAULT_PIPELINES } from './install.js';
export { demoUsers, DEMO_USER_PASSWORD } from './demo-users.js';
export { minorUnit, roundMoney } from './money.js';

/** The sales plugin definition (plugin id `sales`, requires `crm`). */
export const sales = definePlugin({
  id: 'sales',
  version: '1.0.0',
  description: 'Leads and their conversion, opportunities in pipelines with stages as data, products, price books, quotes and orders, board and forecast.',
  requires: { crm: '^1.0.0' },
  entities: [pipelineEntity, stageEntity, leadEntity, opportunityEntity, productEntity, priceBookEntryEntity, quoteEntity, quoteLineEntity],
  rules: salesRules,
  roles: salesRoles,
  workflows: salesWorkflows,
  routes: [convertLeadRoute, boardRoute, forecastRoute, crossSellRoute, addQuoteLineRoute, orderQuoteRoute],
  install: installSales,
  seed: seedSales,
  ui: {
    menu: [
      { label: { en: 'Leads', es: 'Prospectos' }, entity: 'lead', group: 'Sales' },
      { label: { en: 'Opportunities', es: 'Oportunidades' }, entity: 'opportunity', group: 'Sales' },
      { label: { en: 'Board', es: 'Tablero' }, route: '/board', group: 'Sales' },
      { label: { en: 'Forecast', es: 'Pronóstico' }, route: '/forecast', group: 'Sales' },
      { label: { en: 'Quotes', es: 'Cotizaciones' }, entity: 'quote', group: 'Sales' },
      { label: { en: 'Products', es: 'Productos' }, entity: 'product', group: 'Sales' },
      { label: { en: 'Pipelines', es: 'Embudos' }, entity: 'pipeline', group: 'Sales' },
    ],
    recordPanels: [{ id: 'cross-sell', entity: 'account', title: { en: 'Cross-sell', es: 'Venta cruzada' }, route: '/accounts/:id/cross-sell' }],
  },
});

export default sales;
