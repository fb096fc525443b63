import { AsyncLocalStorage } from 'node:async_hooks';
import { getServerAsyncLocalStorage, overwriteServerAsyncLocalStorage, type Locale } from '../../paraglide/runtime.js';

/** What paraglide's server-side getLocale() reads from the request's async context. */
export interface LocaleStore {
	locale?: Locale;
	origin?: string;
	messageCalls?: Set<string>;
}

/** paraglide's async-local store of the request's locale, created once and registered with its runtime. */
export function localeStorage(): AsyncLocalStorage<LocaleStore> {
	let storage = getServerAsyncLocalStorage() as AsyncLocalStorage<LocaleStore> | undefined;
	if (!storage) {
		storage = new AsyncLocalStorage<LocaleStore>();
		overwriteServerAsyncLocalStorage(storage);
	}
	return storage;
}
