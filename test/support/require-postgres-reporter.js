/**
 * In CI (CI=true) the run fails unless PostgreSQL suites actually ran and passed tests: a green run that
 * silently tested SQLite only would hide every PostgreSQL difference.
 */
class RequirePostgresReporter {
  onRunComplete(_contexts, results) {
    if (process.env.CI !== 'true') return;
    const passed = results.testResults
      .filter((file) => file.displayName && file.displayName.name === 'postgres')
      .reduce((sum, file) => sum + file.numPassingTests, 0);
    if (passed === 0) {
      this.error = new Error('CI=true but no PostgreSQL test passed: the PostgreSQL suites did not run');
      console.error(`\n${this.error.message}\n`);
    } else {
      console.log(`\nPostgreSQL suites ran: ${passed} tests passed on PostgreSQL.\n`);
    }
  }

  getLastError() {
    return this.error;
  }
}

module.exports = RequirePostgresReporter;
