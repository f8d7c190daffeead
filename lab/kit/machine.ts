import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

/** The machine a measurement ran on. `loadAverage`: 1, 5 and 15 minutes, read as the run ends. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryBytes: number;
  os: string;
  arch: string;
  loadAverage: number[];
}

export function describeMachine(): Machine {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    os: `${osName()} (${os.type()} ${os.release()})`,
    arch: os.arch(),
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
  };
}

/** Node's version and each package's, as installed (`not installed` where it is not). */
export function installedVersions(packages: string[]): Record<string, string> {
  return { node: process.versions.node, ...Object.fromEntries(packages.map((name) => [name, installedVersion(name)])) };
}

function installedVersion(name: string): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

function osName(): string {
  try {
    return fs.readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]*)"?/m)?.[1] ?? os.type();
  } catch {
    return os.type();
  }
}
