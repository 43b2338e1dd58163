module.exports = {
  displayName: 'permission',
  preset: '../../jest.preset.js',
};
