/** The running Kith version (kept in step with core/package.json). */
export const KITH_VERSION = '0.1.0';
