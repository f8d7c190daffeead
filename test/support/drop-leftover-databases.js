const { Client } = require('pg');

/** Drops test databases that this run created and a crashed test file could not drop itself. */
module.exports = async () => {
  const client = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query("select datname from pg_database where datname like 'n1lab\\_test\\_%'");
    for (const { datname } of rows) {
      const pid = Number(datname.split('_')[2]);
      if (pid && isAlive(pid)) continue; // another run in progress owns it
      await client.query(`drop database if exists "${datname}" with (force)`);
    }
  } finally {
    await client.end();
  }
};

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
