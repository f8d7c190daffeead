import path from 'node:path';
import { createMemoryCgroup } from '../../lab/kit/memory-cgroup';

/**
 * Whether this machine lets a test create a memory cgroup (Linux, root, a writable hierarchy): undefined if it
 * does, why not otherwise (the reason a test prints when it is skipped). `parent`: where such cgroups are made.
 */
export function memoryCgroups(): { unavailable?: string; parent?: string } {
  try {
    const probe = createMemoryCgroup(64);
    probe.remove();
    return { parent: path.dirname(probe.dir) };
  } catch (error) {
    return { unavailable: (error as Error).message };
  }
}
