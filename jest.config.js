// One jest run over every project; each project's own jest.config.js extends jest.preset.js.
const { existsSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const projects = ['apps', 'libs', 'tools', 'bench']
  .filter((folder) => existsSync(join(__dirname, folder)))
  .flatMap((folder) => readdirSync(join(__dirname, folder)).map((name) => join(__dirname, folder, name)))
  .filter((dir) => existsSync(join(dir, 'jest.config.js')));

// testTimeout is a global option: jest-circus reads it from the root config only, so the preset's
// value (which a project's own run honours) is repeated here for the run over every project.
const { testTimeout } = require('./jest.preset.js');

module.exports = { projects, testTimeout };
