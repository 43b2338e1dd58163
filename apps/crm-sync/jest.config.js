module.exports = {
  displayName: 'crm-sync',
  preset: '../../jest.preset.js',
};
