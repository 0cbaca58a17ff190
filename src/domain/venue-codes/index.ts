export * from './signed-token';
export * from './venue-token';
