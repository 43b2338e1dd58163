module.exports = {
  displayName: 'dev-identity',
  preset: '../../jest.preset.js',
};
