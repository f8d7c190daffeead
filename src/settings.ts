/** How src/config.ts reads one setting from an environment: each bad value is a ConfigError naming it. */
import { FixableError } from './errors';

/** A setting (environment variable or command-line flag) with a bad value. */
export class ConfigError extends FixableError {
  override name = 'ConfigError';
}

type Env = NodeJS.ProcessEnv;

export function parseInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  return raw ? parseWholeNumber(name, raw, min, max) : fallback;
}

/** `raw` as a whole number from `min` to `max`, for a setting (`PORT`) or a script's flag (`--users`). */
export function parseWholeNumber(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got "${raw}"`);
  }
  return value;
}

export function parseHttpUrl(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  if (!/^https?:\/\/[^/\s]+/.test(raw)) throw new ConfigError(`${name} must be an http(s) URL; got "${raw}"`);
  return raw;
}

/** A comma-separated list of web origins (`https://app.example.com,http://localhost:3000`); unset is none. */
export function parseOrigins(env: Env, name: string): string[] {
  const origins = (env[name] ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of origins) {
    // An origin is scheme, host and port only: what a browser sends in `Origin`, no path, no trailing slash.
    if (!/^https?:\/\//.test(origin) || URL.parse(origin)?.origin !== origin) {
      throw new ConfigError(`${name} must list origins such as https://app.example.com, separated by commas; got "${origin}"`);
    }
  }
  return origins;
}

export function parseSwitch(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'off', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be on or off; got "${env[name]}"`);
}

export function parseChoice(env: Env, name: string, choices: string[], fallback: string): string {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (!choices.includes(raw)) {
    throw new ConfigError(`${name} must be one of ${choices.join(', ')}; got "${env[name]}"`);
  }
  return raw;
}
