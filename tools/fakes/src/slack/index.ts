export * from './slack-event.builder';
export * from './slack-event.sender';
export * from './slack-request.signer';
export * from './slack-web-api.fake';
