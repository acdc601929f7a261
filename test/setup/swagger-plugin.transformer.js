// Runs @nestjs/swagger's compiler plugin under ts-jest (the recipe from the NestJS OpenAPI docs).
const plugin = require('@nestjs/swagger/plugin');

module.exports.name = 'nestjs-swagger-transformer';
module.exports.version = 1;
module.exports.factory = (cs) =>
  plugin.before({ classValidatorShim: true, introspectComments: true }, cs.program);
