
module.exports = {
  displayName: 'testing-services',
  preset: '../../jest.preset.js',
};
