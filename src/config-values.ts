import { FixableError } from './cli';

// How config.ts turns one raw environment value into a typed setting (parseWholeNumber is in config.ts).

/** A setting (environment variable or command-line flag) with a bad value. */
export class ConfigError extends FixableError {
  override name = 'ConfigError';
}

export function parseHttpUrl(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  if (!/^https?:\/\/[^/\s]+/.test(raw)) throw new ConfigError(`${name} must be an http(s) URL; got "${raw}"`);
  return raw;
}

export function parseSwitch(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'off', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be on or off; got "${env[name]}"`);
}

export function parseChoice(env: NodeJS.ProcessEnv, name: string, choices: string[], fallback: string): string {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (!choices.includes(raw)) {
    throw new ConfigError(`${name} must be one of ${choices.join(', ')}; got "${env[name]}"`);
  }
  return raw;
}
