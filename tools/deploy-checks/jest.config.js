module.exports = {
  displayName: 'deploy-checks',
  preset: '../../jest.preset.js',
};
