import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMemoryCgroup } from '../../lab/kit/memory-cgroup';

// The cgroup files a memory limit is read and written through, on a fake hierarchy laid out as each version's;
// test/process/memory-cgroup.test.ts runs node in a real one.
describe('a memory cgroup for a server under load (npm run load --memory-limit)', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'n1lab-cgroup-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const host = (selfCgroup: string) => {
    fs.writeFileSync(path.join(root, 'self'), selfCgroup);
    return { selfCgroup: path.join(root, 'self'), mount: path.join(root, 'fs') };
  };
  const only = (dir: string) => {
    const [child, ...more] = fs.readdirSync(dir).filter((name) => name.startsWith('n1lab-'));
    expect(more).toEqual([]);
    return path.join(dir, child!);
  };

  test("cgroup v1: a child of the memory controller's own cgroup, its limit in memory.limit_in_bytes, OOM kills from memory.oom_control", () => {
    const parent = path.join(root, 'fs', 'memory', 'process_api', 'abc');
    fs.mkdirSync(parent, { recursive: true });
    const cgroup = createMemoryCgroup(512, host('9:name=systemd:/\n4:memory:/process_api/abc\n0::/\n'));
    const dir = only(parent);
    expect(fs.readFileSync(path.join(dir, 'memory.limit_in_bytes'), 'utf8')).toBe(String(512 * 1024 * 1024));
    expect(cgroup.limitBytes).toBe(536_870_912);
    expect(cgroup.wrap('/usr/bin/node', ['--expose-gc', 'main.js'])).toEqual([
      '/bin/sh',
      ['-c', `echo $$ > '${dir}/cgroup.procs' && exec "$@"`, 'sh', '/usr/bin/node', '--expose-gc', 'main.js'],
    ]);
    fs.writeFileSync(path.join(dir, 'memory.oom_control'), 'oom_kill_disable 0\nunder_oom 0\noom_kill 2\n');
    fs.writeFileSync(path.join(dir, 'memory.max_usage_in_bytes'), '304087040\n');
    expect([cgroup.oomKills(), cgroup.peakBytes()]).toEqual([2, 304_087_040]);
  });

  test('cgroup v2: a child of its own cgroup when that one hands the memory controller down; memory.max, memory.events', () => {
    const parent = path.join(root, 'fs', 'user.slice', 'lab');
    fs.mkdirSync(parent, { recursive: true });
    fs.writeFileSync(path.join(parent, 'cgroup.subtree_control'), 'cpu memory pids\n');
    const cgroup = createMemoryCgroup(256, host('0::/user.slice/lab\n'));
    const dir = only(parent);
    expect(fs.readFileSync(path.join(dir, 'memory.max'), 'utf8')).toBe(String(256 * 1024 * 1024));
    fs.writeFileSync(path.join(dir, 'memory.events'), 'low 0\nhigh 0\nmax 7\noom 1\noom_kill 1\noom_group_kill 0\n');
    // No memory.peak (Linux before 5.19): not known, rather than zero.
    expect([cgroup.oomKills(), cgroup.peakBytes()]).toEqual([1, null]);
  });

  test('refused, saying why: no memory controller handed down, no memory cgroup at all, a hierarchy it may not write', () => {
    const parent = path.join(root, 'fs', 'lab');
    fs.mkdirSync(parent, { recursive: true });
    fs.writeFileSync(path.join(parent, 'cgroup.subtree_control'), 'cpu pids\n');
    expect(() => createMemoryCgroup(512, host('0::/lab\n'))).toThrow(
      `a memory limit needs the memory controller for the children of ${parent} (its cgroup.subtree_control: "cpu pids")`,
    );
    expect(() => createMemoryCgroup(512, host('3:cpu:/\n'))).toThrow(`a memory limit needs a memory cgroup (Linux); ${root}/self names none`);
    // The memory controller's directory is not there to create a child in (not mounted, or another namespace).
    expect(() => createMemoryCgroup(512, host('4:memory:/elsewhere\n'))).toThrow(
      new RegExp(`^a memory limit needs a cgroup of its own, and this process may not create one in ${root}/fs/memory/elsewhere: ENOENT`),
    );
    expect(fs.existsSync(path.join(root, 'fs', 'memory', 'elsewhere'))).toBe(false);
  });
});
