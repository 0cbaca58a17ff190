export * from './decide';
export * from './person-code';
