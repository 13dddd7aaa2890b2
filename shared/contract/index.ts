export * from './calls';
export * from './events';
export * from './result';
export * from './channels';
export * from './transport';
