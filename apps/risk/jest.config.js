module.exports = {
  displayName: 'risk',
  preset: '../../jest.preset.js',
};
