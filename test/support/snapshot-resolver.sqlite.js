module.exports = require('./snapshot-resolver').snapshotResolverFor('sqlite');
