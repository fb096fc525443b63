// CPU of a server made of many processes (PostgreSQL: a postmaster and one backend per connection), from
// the kernel's accounting: the postmaster's own time, its children's that are still running, and what
// its children that already exited left in its cutime/cstime.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux (getconf CLK_TCK)

/** The fields after the command name of /proc/<pid>/stat (the name may hold spaces), or null when gone. */
function statFields(pid: string): string[] | null {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	} catch {
		return null;
	}
}

/** CPU seconds used so far by `rootPid` and its direct children, living and exited. */
export function treeCpuSeconds(rootPid: number): number {
	let ticks = 0;
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		const fields = statFields(entry);
		if (!fields) continue;
		// fields[1] is the parent pid; [11] utime, [12] stime, [13] cutime, [14] cstime (in ticks).
		const own = Number(fields[11]) + Number(fields[12]);
		if (Number(entry) === rootPid) ticks += own + Number(fields[13]) + Number(fields[14]);
		else if (Number(fields[1]) === rootPid) ticks += own;
	}
	return ticks / TICKS_PER_SECOND;
}
