// snowball-stemmers ships no types; this is the one function we use from it.
declare module 'snowball-stemmers' {
	interface Stemmer {
		stem(word: string): string;
	}
	const factory: { newStemmer(language: string): Stemmer; algorithms(): string[] };
	export default factory;
}
