// Jest's globalSetup: `npm run build` once, before any worker starts, if dist/ is older than its sources. The
// tests that start the compiled server (npm run load's, the bench's) would otherwise each build it, at once.
const { require: requireTs } = require('tsx/cjs/api');

module.exports = function buildOnce() {
  requireTs('../../lab/kit/build.ts', __filename).buildIfStale((line) => console.log(`\n[graphql-n1-lab] ${line}`));
};
