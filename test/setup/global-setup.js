// Jest loads this file outside the test sandbox; the setup itself is TypeScript.
require('ts-node').register({ transpileOnly: true, project: `${__dirname}/../../tsconfig.json` });
module.exports = require('./database.setup.ts').setup;
