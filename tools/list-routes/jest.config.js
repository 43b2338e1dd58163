module.exports = {
  displayName: 'list-routes',
  preset: '../../jest.preset.js',
};
