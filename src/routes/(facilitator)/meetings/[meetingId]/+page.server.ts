import { mapInOrder } from '../../../../lib/server/in-order.ts';
import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { getLocale } from '$lib/paraglide/runtime';
import { appDb } from '$lib/server/app';
import { config } from '$lib/server/config';
import { newId } from '$lib/server/ids';
import { formatAmsterdam, utcToAmsterdam } from '$lib/server/meetings/amsterdam-time';
import { listCoFacilitators } from '$lib/server/meetings/co-facilitators';
import { loadManageableMeeting } from '$lib/server/meetings/manage-access';
import { listMeetingThemes, themeWordsText } from '$lib/server/meetings/manage-themes';
import { countParticipants, listMeetingTables } from '$lib/server/meetings/queries';
import { tableIsUnused } from '$lib/server/meetings/remove-table';
import { ownerName, pollQuestionCount } from '$lib/server/meetings/setup-facts';
import { availableTransitions, detailsEditable } from '$lib/server/meetings/transitions';
import { getSeries, listSeriesFor } from '$lib/server/series/manage-series';
import { errorMessage } from '$lib/i18n/errors';
import { meetingActions } from './actions';
import { refusalStatus } from '$lib/server/commands/refusals';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const db = appDb();
	const access = await loadManageableMeeting(db, locals.actor, params.meetingId);
	if (!access.ok) error(refusalStatus(access.reason), errorMessage(access.reason));
	const meeting = access.meeting;
	// Join links use the public address when configured, else the one this page was reached on.
	const base = config().publicUrl ?? url.origin;
	const joinUrl = `${base}/join/${meeting.joinCode}`;
	const when = meeting.startsAt === null ? null : utcToAmsterdam(meeting.startsAt);
	const series = await getSeries(db, meeting.seriesId ?? '');
	return {
		meeting: {
			id: meeting.id,
			title: meeting.title,
			status: meeting.status,
			joinCode: meeting.joinCode,
			anonymous: meeting.anonymous,
			startsAt: meeting.startsAt === null ? null : formatAmsterdam(meeting.startsAt, getLocale()),
			place: meeting.place,
			series: series?.title ?? null,
			introduction: meeting.introduction,
			pollClosed: meeting.pollClosedAt !== null,
			hasProjectorLink: meeting.projectorTokenHash !== null,
			questionCount: await pollQuestionCount(db, meeting.id)
		},
		detailsValues: {
			title: meeting.title,
			date: when?.date ?? '',
			time: when?.time ?? '',
			place: meeting.place ?? '',
			seriesId: meeting.seriesId ?? '',
			introduction: meeting.introduction ?? '',
			anonymous: meeting.anonymous
		},
		editable: detailsEditable(meeting.status),
		transitions: availableTransitions(meeting.status),
		// A fresh command id per render: a resubmitted status form is applied once.
		commandId: newId(),
		joinUrl,
		qrSvg: await QRCode.toString(joinUrl, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }),
		owner: await ownerName(db, meeting.createdBy),
		coFacilitators: await listCoFacilitators(db, meeting.id),
		tables: await mapInOrder(await listMeetingTables(db, meeting.id), async (table) => ({
			id: table.id,
			name: table.name,
			topic: table.topic ?? '',
			description: table.description ?? '',
			maxSize: table.maxSize === null ? '' : String(table.maxSize),
			participants: await countParticipants(db, meeting.id, table.id),
			unused: await tableIsUnused(db, table.id),
			phase: table.phase,
			phaseEndsAt: table.phaseEndsAt
		})),
		boardSettings: {
			voteBudget: meeting.voteBudget,
			votePerCardMax: meeting.votePerCardMax,
			talliesLive: meeting.talliesLive,
			lateCards: meeting.lateCards,
			participantsChooseTable: meeting.participantsChooseTable
		},
		serverNow: Date.now(),
		themes: (await listMeetingThemes(db, meeting.id)).map((t) => ({
			id: t.id,
			name: t.name,
			color: t.color,
			description: t.description,
			words: themeWordsText(t.words)
		})),
		series: (await listSeriesFor(db, locals.actor))
			.filter((s) => s.archivedAt === null || s.id === meeting.seriesId)
			.map((s) => ({ id: s.id, title: s.title }))
	};
};

export const actions = meetingActions;
