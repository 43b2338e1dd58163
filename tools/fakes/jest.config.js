module.exports = {
  displayName: 'fakes',
  preset: '../../jest.preset.js',
};
