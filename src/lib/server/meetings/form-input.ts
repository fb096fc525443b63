// Reading management forms into the plain objects the domain validates (and the page echoes back).

export function text(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

export function readDetailsForm(form: FormData) {
	return {
		title: text(form, 'title'),
		date: text(form, 'date'),
		time: text(form, 'time'),
		place: text(form, 'place'),
		seriesId: text(form, 'seriesId'),
		introduction: text(form, 'introduction'),
		// An unticked checkbox is absent from the form.
		anonymous: form.get('anonymous') !== null
	};
}

export function readFields<const K extends string>(
	form: FormData,
	names: readonly K[]
): Record<K, string> {
	return Object.fromEntries(names.map((n) => [n, text(form, n)])) as Record<K, string>;
}
