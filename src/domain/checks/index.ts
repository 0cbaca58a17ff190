export * from './counts';
export * from './plausibility';
export * from './sessions';
export * from './summary';
