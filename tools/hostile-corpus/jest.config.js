module.exports = {
  displayName: 'hostile-corpus',
  preset: '../../jest.preset.js',
};
