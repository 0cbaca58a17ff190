export * from './dates';
export * from './holidays';
export * from './calendar';
export * from './terms';
