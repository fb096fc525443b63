// A second "process" for the lease tests: takes one meeting's lease and holds it until it is killed.
// Usage: node tests/helpers/lease-holder.ts <postgres url> <meeting id>
import { createLeases } from '../../src/lib/server/cluster/meeting-lease.ts';

const [url, meetingId] = process.argv.slice(2);
const leases = createLeases({ url, name: 'child', log: () => {} });
const held = await leases.acquire(meetingId);
process.stdout.write(`held ${held}\n`);
// The open connection keeps this process alive: it ends only by a signal.
