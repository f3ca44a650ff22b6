// The API's contract: zod schemas for every request, response and enum, shared by
// the server (validation + OpenAPI) and the web app. Imports nothing but zod.
export * from './common.ts';
export * from './credits.ts';
export * from './errors.ts';
export * from './examples.ts';
export * from './files.ts';
export * from './jobs.ts';
export * from './style.ts';
export * from './styles.ts';
export * from './tracks.ts';
export * from './users.ts';
