// Child process: one Kith app on the database given as argv[2], listening on a free port.
// Reports its startup phases and, on request, its resident memory over IPC.
const bootMs = performance.now(); // time from process start to this line (Node's own boot)
const { createApp } = await import('@kith/core');
const { benchPlugin } = await import('./plugin.mjs');
const { ADMIN } = await import('./admin.mjs');
const importedMs = performance.now();

const app = await createApp({ databaseUrl: process.argv[2], plugins: [benchPlugin], logger: false, firstAdmin: ADMIN });
const createdMs = performance.now();
await app.server.listen({ host: '127.0.0.1', port: 0 });
const { port } = app.server.server.address();

process.on('message', async (message) => {
  if (message?.type === 'rss') process.send({ type: 'rss', rss: process.memoryUsage().rss });
  if (message?.type === 'stop') {
    await app.close();
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0)); // the bench parent is gone
process.send({
  type: 'listening',
  port,
  phases: { bootMs, importMs: importedMs - bootMs, createAppMs: createdMs - importedMs, listenMs: performance.now() - createdMs },
});
