// Which plugins this Kith loads. crm and sales are always loaded; their seeds write the demo
// (Andes Industrial Supply's accounts, contacts, leads, pipeline and quotes) with the demo's
// people on a first start, unless KITH_DEMO=false.
import crm from '@kith/plugin-crm';
import sales, { demoUsers } from '@kith/plugin-sales';

export default {
  plugins: [crm, sales],
  demoUsers,
};
