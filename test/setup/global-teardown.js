require('ts-node').register({ transpileOnly: true, project: `${__dirname}/../../tsconfig.json` });
module.exports = require('./database.setup.ts').teardown;
