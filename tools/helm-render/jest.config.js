module.exports = {
  displayName: 'helm-render',
  preset: '../../jest.preset.js',
};
