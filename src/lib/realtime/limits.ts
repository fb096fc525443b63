// Limits shared by the browser (form hints) and the server (enforcement).
export const LIMITS = {
	cardTextMax: 500,
	cardsPerTable: 500,
	displayNameMax: 60,
	meetingTitleMax: 200,
	tableNameMax: 100,
	frameBytesMax: 1024 * 1024,
	presenceStateBytesMax: 2048
} as const;
