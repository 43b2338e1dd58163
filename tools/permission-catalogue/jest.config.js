module.exports = {
  displayName: 'permission-catalogue',
  preset: '../../jest.preset.js',
};
