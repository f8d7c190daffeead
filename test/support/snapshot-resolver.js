const path = require('node:path');

/** Snapshots live in __snapshots__/<database>/ so each database pins its own SQL text. */
module.exports.snapshotResolverFor = (database) => ({
  resolveSnapshotPath: (testPath, extension) => path.join(path.dirname(testPath), '__snapshots__', database, path.basename(testPath) + extension),
  resolveTestPath: (snapshotPath, extension) => path.join(path.dirname(snapshotPath), '..', '..', path.basename(snapshotPath, extension)),
  testPathForConsistencyCheck: path.join('test', 'api', 'example.test.ts'),
});
