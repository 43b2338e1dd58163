module.exports = {
  displayName: 'hardening',
  preset: '../../jest.preset.js',
};
