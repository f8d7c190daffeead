module.exports = require('./snapshot-resolver').snapshotResolverFor('postgres');
