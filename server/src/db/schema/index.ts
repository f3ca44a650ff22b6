// The database schema by domain. Migrations are generated from it by drizzle-kit
// (`npm run db:generate`) and committed under ../migrations.
export * from './auth.ts';
export * from './credits.ts';
export * from './files.ts';
export * from './likes.ts';
export * from './payments.ts';
export * from './style.ts';
export * from './tracks.ts';
export * from './visuals.ts';
