import { first, firstRow } from '#lib/server/db/query.ts';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { generateKeyBetween } from 'fractional-indexing';
import * as v from 'valibot';
import { cards, clusters } from '../db/schema.ts';
import { hasVisibleText } from '../../realtime/visible-text.ts';
import { newId } from '../ids.ts';
import { liveCard, placement } from './card-commands.ts';
import { defineCommand, type CommandContext, type Outcome } from './board-scope.ts';

// Clusters: named groups of similar cards inside a theme, at one table. All of it is sorting work.

export const CLUSTER_NAME_MAX = 80;

const Id = v.pipe(v.string('id-required'), v.regex(/^[a-z2-7]{10,40}$/, 'id-invalid'));
const Name = v.pipe(
	v.string('cluster-name-required'),
	v.trim(),
	v.nonEmpty('cluster-name-required'),
	v.check(hasVisibleText, 'cluster-name-required'),
	v.maxLength(CLUSTER_NAME_MAX, 'cluster-name-too-long')
);

type ClusterRow = typeof clusters.$inferSelect;

async function liveCluster(ctx: CommandContext, clusterId: string): Promise<ClusterRow | null> {
	const row = await first(ctx.db.select().from(clusters).where(eq(clusters.id, clusterId)));
	return row && row.tableId === ctx.table.id && row.mergedIntoId === null && row.dissolvedAt === null ? row : null;
}

function sortingAllowed(ctx: CommandContext): Outcome<null> {
	return ctx.allows('sort') ? { ok: true, result: null } : { ok: false, reason: 'wrong-phase' };
}

async function lastClusterKey(ctx: CommandContext): Promise<string | null> {
	return (
		(await firstRow(ctx.db
			.select({ key: clusters.orderKey })
			.from(clusters)
			.where(eq(clusters.tableId, ctx.table.id))
			.orderBy(desc(clusters.orderKey))
			.limit(1)))?.key ?? null
	);
}

export const createCluster = defineCommand({
	type: 'cluster.create',
	who: 'anyone-at-table',
	schema: v.object({
		themeId: v.nullable(Id),
		name: Name,
		cardIds: v.optional(v.pipe(v.array(Id), v.maxLength(500)), [])
	}),
	async run(ctx, input): Promise<Outcome<{ clusterId: string }>> {
		const allowed = sortingAllowed(ctx);
		if (!allowed.ok) return allowed;
		const place = await placement(ctx, input.themeId, null);
		if (!place.ok) return place;
		const members = input.cardIds.map((id) => liveCard(ctx, id));
		if (members.some((c) => c === null)) return { ok: false, reason: 'card-not-found' };
		const id = newId();
		await ctx.db
			.insert(clusters)
			.values({
				id,
				meetingId: ctx.meeting.id,
				tableId: ctx.table.id,
				themeId: place.result.themeId,
				name: input.name,
				orderKey: generateKeyBetween(await lastClusterKey(ctx), null),
				createdAt: ctx.now,
				updatedAt: ctx.now
			});
		if (input.cardIds.length > 0) {
			await ctx.db
				.update(cards)
				.set({ themeId: place.result.themeId, clusterId: id, updatedAt: ctx.now })
				.where(inArray(cards.id, input.cardIds));
		}
		return { ok: true, result: { clusterId: id } };
	}
});

export const renameCluster = defineCommand({
	type: 'cluster.rename',
	who: 'anyone-at-table',
	schema: v.object({ clusterId: Id, name: Name }),
	async run(ctx, input): Promise<Outcome<{ clusterId: string }>> {
		const allowed = sortingAllowed(ctx);
		if (!allowed.ok) return allowed;
		const cluster = await liveCluster(ctx, input.clusterId);
		if (!cluster) return { ok: false, reason: 'cluster-not-found' };
		await ctx.db
			.update(clusters)
			.set({ name: input.name, updatedAt: ctx.now })
			.where(eq(clusters.id, cluster.id));
		return { ok: true, result: { clusterId: cluster.id } };
	}
});

/** Moves a cluster, with its cards, to another theme (or to unsorted). */
export const moveCluster = defineCommand({
	type: 'cluster.move',
	who: 'anyone-at-table',
	schema: v.object({ clusterId: Id, themeId: v.nullable(Id) }),
	async run(ctx, input): Promise<Outcome<{ clusterId: string; themeId: string | null }>> {
		const allowed = sortingAllowed(ctx);
		if (!allowed.ok) return allowed;
		const cluster = await liveCluster(ctx, input.clusterId);
		if (!cluster) return { ok: false, reason: 'cluster-not-found' };
		const place = await placement(ctx, input.themeId, null);
		if (!place.ok) return place;
		const themeId = place.result.themeId;
		await ctx.db.update(clusters).set({ themeId, updatedAt: ctx.now }).where(eq(clusters.id, cluster.id));
		await ctx.db
			.update(cards)
			.set({ themeId, updatedAt: ctx.now })
			.where(eq(cards.clusterId, cluster.id));
		return { ok: true, result: { clusterId: cluster.id, themeId } };
	}
});

/** Merges two clusters: the cards of one join the other, whose name stays. */
export const mergeClusters = defineCommand({
	type: 'cluster.merge',
	who: 'anyone-at-table',
	schema: v.object({ clusterId: Id, intoClusterId: Id }),
	async run(ctx, input): Promise<Outcome<{ clusterId: string; intoClusterId: string }>> {
		if (input.clusterId === input.intoClusterId) return { ok: false, reason: 'same-cluster' };
		const allowed = sortingAllowed(ctx);
		if (!allowed.ok) return allowed;
		const source = await liveCluster(ctx, input.clusterId);
		const target = await liveCluster(ctx, input.intoClusterId);
		if (!source || !target) return { ok: false, reason: 'cluster-not-found' };
		await ctx.db
			.update(cards)
			.set({ clusterId: target.id, themeId: target.themeId, updatedAt: ctx.now })
			.where(eq(cards.clusterId, source.id));
		await ctx.db
			.update(clusters)
			.set({ mergedIntoId: target.id, updatedAt: ctx.now })
			.where(eq(clusters.id, source.id));
		return { ok: true, result: { clusterId: source.id, intoClusterId: target.id } };
	}
});

/** Undoes a cluster: its cards stay in the theme, loose. */
export const dissolveCluster = defineCommand({
	type: 'cluster.dissolve',
	who: 'anyone-at-table',
	schema: v.object({ clusterId: Id }),
	async run(ctx, input): Promise<Outcome<{ clusterId: string }>> {
		const allowed = sortingAllowed(ctx);
		if (!allowed.ok) return allowed;
		const cluster = await liveCluster(ctx, input.clusterId);
		if (!cluster) return { ok: false, reason: 'cluster-not-found' };
		await ctx.db
			.update(cards)
			.set({ clusterId: null, updatedAt: ctx.now })
			.where(and(eq(cards.clusterId, cluster.id), eq(cards.tableId, ctx.table.id)));
		await ctx.db.update(clusters).set({ dissolvedAt: ctx.now, updatedAt: ctx.now }).where(eq(clusters.id, cluster.id));
		return { ok: true, result: { clusterId: cluster.id } };
	}
});
