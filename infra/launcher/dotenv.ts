import { existsSync } from 'node:fs';

/** Loads ./.env (copied from .env.example) into process.env when present; variables already set win. Import first. */
if (existsSync('.env')) process.loadEnvFile('.env');
