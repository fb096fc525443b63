import type { Ballot } from '../../realtime/meeting-doc.ts';

// A revealed answer as the room and the projector receive it. Names never go there; neither do the
// sector and region of each answer: in a small segment (the one mbo program leader of a region)
// "mbo · Regio Zuid" under an open answer names its author as surely as a name would, and anyone
// can read the doc a screen is drawn from. Below five people a segment is not shown on its own;
// the room gets no per-answer segment at all, since the doc is written answer by answer and a
// segment's size is only known over the whole poll. The facilitator's view keeps both (it filters
// by them); reports aggregate per segment.

export function publicBallot(ballot: Ballot): Ballot {
	return { ...ballot, name: null, sector: null, regionId: null };
}
