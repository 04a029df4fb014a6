// Which plugins this Kith loads. `demo` is the sample company `pnpm start` shows;
// KITH_DEMO=false starts without it.
import demoCompany, { demoUsers } from '@kith/example-demo-company';

export default {
  plugins: [],
  demo: demoCompany,
  demoUsers,
};
