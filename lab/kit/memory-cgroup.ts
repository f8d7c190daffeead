import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../src/config';

/**
 * A memory-limited cgroup of its own for one child process: what `docker run -m` (or a Kubernetes memory limit)
 * gives a container, without a container engine. Node sizes its heap from that limit as it would in the container
 * (`process.constrainedMemory()`), and past it the kernel OOM-kills the process, as it would the container.
 * Linux only, and only where this process may create cgroups (root, a writable cgroup hierarchy); cgroup v1 and v2.
 */
export interface MemoryCgroup {
  /** Its directory in the cgroup hierarchy. */
  dir: string;
  limitBytes: number;
  /** The command and arguments that run `command ...args` inside the cgroup, from its first instruction on. */
  wrap(command: string, args: readonly string[]): [string, string[]];
  /** How many times the kernel has killed a process in it for want of memory. */
  oomKills(): number;
  /** The most memory charged to it at once: its processes' RSS and the page cache they caused. */
  peakBytes(): number | null;
  /** Removes it, once its processes have exited. */
  remove(): void;
}

/** Where a process's cgroups are listed, and where the hierarchy is mounted: tests point them at a fake. */
export interface CgroupHost {
  selfCgroup: string;
  mount: string;
}

const LINUX: CgroupHost = { selfCgroup: '/proc/self/cgroup', mount: '/sys/fs/cgroup' };

/** The files a cgroup version keeps its limit, its OOM events and its peak in. */
const LAYOUTS = {
  v1: { limit: 'memory.limit_in_bytes', events: 'memory.oom_control', peak: 'memory.max_usage_in_bytes' },
  v2: { limit: 'memory.max', events: 'memory.events', peak: 'memory.peak' },
} as const;

let created = 0;

/** A fresh cgroup limited to `limitMiB`, a child of this process's own memory cgroup. */
export function createMemoryCgroup(limitMiB: number, host: CgroupHost = LINUX): MemoryCgroup {
  const { version, dir: parent } = ownMemoryCgroup(host);
  const layout = LAYOUTS[version];
  const dir = path.join(parent, `n1lab-${process.pid}-${created++}`);
  const limitBytes = limitMiB * 1024 * 1024;
  try {
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, layout.limit), String(limitBytes));
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new ConfigError(`a memory limit needs a cgroup of its own, and this process may not create one in ${parent}: ${(error as Error).message}`);
  }
  const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
  return {
    dir,
    limitBytes,
    // The shell puts itself in the cgroup, then becomes the command: node starts inside it, same pid.
    wrap: (command, args) => ['/bin/sh', ['-c', `echo $$ > '${path.join(dir, 'cgroup.procs')}' && exec "$@"`, 'sh', command, ...args]],
    oomKills: () => Number(read(layout.events).match(/^oom_kill (\d+)$/m)?.[1] ?? 0),
    peakBytes: () => {
      try {
        return Number(read(layout.peak));
      } catch {
        return null; // memory.peak is new in Linux 5.19
      }
    },
    remove: () => fs.rmdirSync(dir),
  };
}

/** This process's memory cgroup, from /proc/self/cgroup: `N:memory:/path` (v1) or `0::/path` (v2, the memory controller on). */
function ownMemoryCgroup({ selfCgroup, mount }: CgroupHost): { version: keyof typeof LAYOUTS; dir: string } {
  const lines = fs.existsSync(selfCgroup) ? fs.readFileSync(selfCgroup, 'utf8').split('\n') : [];
  const v1 = lines.map((line) => line.match(/^\d+:([^:]*):(.*)$/)).find((match) => match?.[1]?.split(',').includes('memory'));
  if (v1) return { version: 'v1', dir: path.join(mount, 'memory', v1[2]!) };
  const v2 = lines.map((line) => line.match(/^0::(.*)$/)).find(Boolean);
  if (v2) {
    const dir = path.join(mount, v2[1]!);
    const controllers = fs.existsSync(path.join(dir, 'cgroup.subtree_control'))
      ? fs.readFileSync(path.join(dir, 'cgroup.subtree_control'), 'utf8')
      : '';
    if (controllers.split(/\s+/).includes('memory')) return { version: 'v2', dir };
    throw new ConfigError(
      `a memory limit needs the memory controller for the children of ${dir} (its cgroup.subtree_control: "${controllers.trim()}")`,
    );
  }
  throw new ConfigError(`a memory limit needs a memory cgroup (Linux); ${selfCgroup} names none`);
}
