// CPU and memory of a server process from the kernel's own accounting (/proc/<pid>/stat and
// /proc/<pid>/status), so our server and the reference are measured the same way, from outside.
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux (getconf CLK_TCK)

export interface Usage {
	/** user + system CPU seconds since the process started */
	cpuSeconds: number;
	rssMb: number;
}

export function readUsage(pid: number): Usage {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	// The command name may hold spaces; fields after the closing parenthesis are fixed.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const utime = Number(fields[11]);
	const stime = Number(fields[12]);
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
	return { cpuSeconds: (utime + stime) / TICKS_PER_SECOND, rssMb: rssKb / 1024 };
}

/** Samples a process while a scenario runs: CPU used in between, and the highest RSS seen. */
export function usageMeter(pid: number, everyMs = 200) {
	const start = readUsage(pid);
	let peakRss = start.rssMb;
	let last = start;
	const timer = setInterval(() => {
		try {
			last = readUsage(pid);
			peakRss = Math.max(peakRss, last.rssMb);
		} catch {
			// the process is gone (the reference may fall over); keep what we have
		}
	}, everyMs);
	const startedAt = Date.now();
	return {
		stop() {
			clearInterval(timer);
			try {
				last = readUsage(pid);
				peakRss = Math.max(peakRss, last.rssMb);
			} catch {
				// gone
			}
			const seconds = (Date.now() - startedAt) / 1000;
			const cpuSeconds = last.cpuSeconds - start.cpuSeconds;
			return {
				cpuSeconds,
				/** share of one core over the measured span */
				cpuPercent: seconds > 0 ? (100 * cpuSeconds) / seconds : 0,
				rssStartMb: start.rssMb,
				rssPeakMb: peakRss,
				rssEndMb: last.rssMb,
				seconds
			};
		}
	};
}

export type UsageReport = ReturnType<ReturnType<typeof usageMeter>['stop']>;
