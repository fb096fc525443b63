// Shapes the meeting pages hand to their components (plain data from the server loads).
export interface DetailsValues {
	title?: string;
	date?: string;
	time?: string;
	place?: string;
	seriesId?: string;
	introduction?: string;
	anonymous?: boolean;
}

export interface SeriesOption {
	id: string;
	title: string;
}

export type FieldErrors = Record<string, string | undefined>;
