module.exports = {
  displayName: 'audit-verify',
  preset: '../../jest.preset.js',
};
