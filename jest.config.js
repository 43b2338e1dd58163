// One jest run over every project; each project's own jest.config.js extends jest.preset.js.
const { existsSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const projects = ['apps', 'libs', 'tools', 'bench']
  .filter((folder) => existsSync(join(__dirname, folder)))
  .flatMap((folder) => readdirSync(join(__dirname, folder)).map((name) => join(__dirname, folder, name)))
  .filter((dir) => existsSync(join(dir, 'jest.config.js')));

module.exports = { projects };
