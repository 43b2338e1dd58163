module.exports = {
  displayName: 'identity-bridge',
  preset: '../../jest.preset.js',
};
