export * from './baselines';
export * from './errors';
export * from './geo';
export * from './min-cost-assignment';
export * from './model';
export * from './propose';
export * from './synthetic';
