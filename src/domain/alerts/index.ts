export * from './detectors';
export * from './rules';
export * from './default-detector';
export * from './series';
export * from './onsets';
