import type { MeetingStatus } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { canManageMeeting, isMeetingParticipant, type MeetingFacts } from './policies.ts';

// Who may do what with a meeting's poll. Pure and default deny, like policies.ts.

const ANSWERABLE: readonly MeetingStatus[] = ['open', 'live'];

/** Answers are taken while the meeting is open or live, unless the facilitator closed the poll. */
export function pollAcceptsAnswers(meeting: {
	status: MeetingStatus;
	pollClosedAt: number | null;
}): boolean {
	return ANSWERABLE.includes(meeting.status) && meeting.pollClosedAt === null;
}

/** Reopening only makes sense while the meeting itself takes answers. */
export function pollCanReopen(meeting: { status: MeetingStatus }): boolean {
	return ANSWERABLE.includes(meeting.status);
}

/** Building the poll, controlling it and seeing unrevealed results: the meeting's managers. */
export function canManagePoll(actor: Actor | null, meeting: MeetingFacts): boolean {
	return canManageMeeting(actor, meeting);
}

export type AnswerDenial = 'not-allowed' | 'poll-closed';

/** Only the meeting's own participants answer, and only while the poll is open. */
export function checkAnswerPoll(
	actor: Actor | null,
	meeting: MeetingFacts & { pollClosedAt: number | null }
): AnswerDenial | null {
	if (!isMeetingParticipant(actor, meeting.id)) return 'not-allowed';
	if (!pollAcceptsAnswers(meeting)) return 'poll-closed';
	return null;
}

/** The poll's questions (without results) are for everyone in the meeting. */
export function canViewPoll(actor: Actor | null, meeting: MeetingFacts): boolean {
	return canManagePoll(actor, meeting) || isMeetingParticipant(actor, meeting.id);
}

/** Results: managers always; the meeting's participants only once the question is revealed. */
export function canSeeResults(
	actor: Actor | null,
	meeting: MeetingFacts,
	question: { revealed: boolean }
): boolean {
	if (canManagePoll(actor, meeting)) return true;
	return question.revealed && isMeetingParticipant(actor, meeting.id);
}
