/**
 * A strict fake of the Telegram Bot API, the part the video workflows touch: `getMe`, `getFile` plus the
 * file download URL, `sendVideo` / `sendDocument` / `sendMessage`, and the webhook methods the Telegram
 * Trigger calls (`setWebhook`, `getWebhookInfo`, `deleteWebhook`), on top of FakeServer (real HTTP on
 * 127.0.0.1, request log, `server.inject()` faults).
 *
 * Like the real API (https://core.telegram.org/bots/api): methods live at `/bot<token>/<method>`, take their
 * parameters from the query string, a URL-encoded form, JSON or multipart/form-data, and answer
 * `{"ok":true,"result":...}` or `{"ok":false,"error_code":N,"description":"..."}`; files are downloaded from
 * `/file/bot<token>/<file_path>`; a wrong token gets 401 "Unauthorized"; uploads over 50 MB get 413.
 * What a bot sent is kept in `sent` (the file's name, content type and bytes included).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { Readable } from 'node:stream';

import { FakeServer, type FakeRequest, type Reply } from './common/fakeServer';
import { parseMultipart } from './common/multipart';

/** Shaped like a real bot token (`<bot id>:<35 characters>`), clearly fake. */
export const FAKE_TELEGRAM_TOKEN = '7000000001:AAFakeTelegramBotTokenForLocalTest0';
/** The Bot API's cap on a file a bot uploads (multipart/form-data): 50 MB. */
export const TELEGRAM_UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;
/** The Bot API's cap on a file a bot downloads with getFile: 20 MB. */
export const TELEGRAM_DOWNLOAD_LIMIT_BYTES = 20 * 1024 * 1024;

const BOT_ID = Number(FAKE_TELEGRAM_TOKEN.split(':')[0]);

/** A file the fake holds, as a user would have sent it to the bot. */
export interface FakeTelegramFile {
	data: Buffer;
	/** Where `getFile` says it is, e.g. `photos/file_0.jpg` (default `photos/<file_id>.jpg`). */
	filePath?: string;
	/** The download's Content-Type (default: from the extension, else application/octet-stream). */
	mimeType?: string;
}

export interface FakeTelegramOptions {
	/** The accepted token (default FAKE_TELEGRAM_TOKEN). */
	token?: string;
	/** Default 0: a random free port. */
	port?: number;
	/** Files by file_id, for `getFile` and the download URL. */
	files?: Record<string, FakeTelegramFile>;
	/** The bot's username (default `ai_video_fake_bot`). */
	username?: string;
	/**
	 * After a `setWebhook`, send this update to the webhook (as if a user had messaged the bot), once per
	 * `setWebhook`, `delayMs` later (default 500). For `npm start`, where the editor's "Execute workflow" on a
	 * Telegram Trigger registers a webhook and waits for a message.
	 */
	autoUpdate?: { update: () => Record<string, unknown>; delayMs?: number };
}

/** What a bot sent: one successful `sendVideo`, `sendDocument` or `sendMessage`. */
export interface FakeTelegramSent {
	method: 'sendVideo' | 'sendDocument' | 'sendMessage';
	/** 'multipart' when the request was multipart/form-data, else 'json', 'form' or 'query'. */
	encoding: 'multipart' | 'json' | 'form' | 'query';
	chatId: string;
	caption?: string;
	text?: string;
	/** The uploaded file (a multipart file part). */
	file?: { field: string; fileName: string; contentType?: string; bytes: number; data: Buffer };
	/** A file sent by reference: a file_id or an http(s) URL, not uploaded. */
	reference?: string;
	/** Every parameter as received (files as `<file name>`), for checks on the rest. */
	params: Record<string, string>;
	messageId: number;
}

export interface FakeTelegramWebhook {
	url: string;
	secretToken?: string;
	allowedUpdates: string[];
}

/** How a pushed update went: the webhook's HTTP status, or the network error. */
export interface FakeTelegramDelivery {
	url: string;
	status?: number;
	error?: string;
}

export interface FakeTelegram {
	/** http://127.0.0.1:<port>: what n8n's Telegram credential calls Base URL. */
	readonly url: string;
	readonly token: string;
	readonly server: FakeServer;
	/** What bots sent, in order. */
	readonly sent: FakeTelegramSent[];
	/** The registered webhook (setWebhook), if any. */
	readonly webhook: FakeTelegramWebhook | undefined;
	/** Every setWebhook / deleteWebhook, in order: who changed the webhook when a test finds none. */
	readonly webhookChanges: string[];
	readonly deliveries: FakeTelegramDelivery[];
	/** Adds a file users "sent" (getFile and the download URL serve it). */
	addFile(fileId: string, file: FakeTelegramFile): void;
	/** Resolves with the next successful send (or one already recorded after `afterCount`). */
	nextSent(afterCount?: number): Promise<FakeTelegramSent>;
	/** POSTs an update to the registered webhook with its secret token header, the way Telegram delivers one. */
	pushUpdate(update: Record<string, unknown>): Promise<FakeTelegramDelivery>;
	/** A private-chat message with a photo in Telegram's four sizes, all pointing at `fileId`. */
	photoUpdate(fileId: string, options?: { chatId?: number; caption?: string; width?: number; height?: number }): Record<string, unknown>;
	close(): Promise<void>;
}

export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
	const fake = new FakeTelegramServer(options);
	await fake.server.listen(options.port ?? 0);
	return fake;
}

class BotApiError extends Error {
	constructor(
		readonly status: number,
		readonly description: string,
	) {
		super(description);
	}
}

const SEND_METHODS = { sendVideo: 'video', sendDocument: 'document', sendMessage: undefined } as const;
type SendMethod = keyof typeof SEND_METHODS;

const EXTENSION_TYPES: Record<string, string> = {
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	webp: 'image/webp',
	mp4: 'video/mp4',
	gif: 'image/gif',
};

interface Params {
	encoding: FakeTelegramSent['encoding'];
	values: Map<string, string>;
	files: Map<string, { fileName: string; contentType?: string; data: Buffer }>;
}

class FakeTelegramServer implements FakeTelegram {
	readonly server: FakeServer;
	readonly token: string;
	readonly sent: FakeTelegramSent[] = [];
	readonly deliveries: FakeTelegramDelivery[] = [];
	webhook: FakeTelegramWebhook | undefined;
	readonly webhookChanges: string[] = [];
	private readonly files = new Map<string, Required<FakeTelegramFile>>();
	private readonly waiters: Array<{ after: number; resolve: (sent: FakeTelegramSent) => void }> = [];
	private messageId = 100;
	private updateId = 500000;
	private readonly timers = new Set<NodeJS.Timeout>();

	constructor(private readonly options: FakeTelegramOptions) {
		this.token = options.token ?? FAKE_TELEGRAM_TOKEN;
		this.server = new FakeServer({
			maxBodyBytes: TELEGRAM_UPLOAD_LIMIT_BYTES,
			tooLargeBody: { ok: false, error_code: 413, description: 'Request Entity Too Large' },
		});
		for (const [fileId, file] of Object.entries(options.files ?? {})) this.addFile(fileId, file);
		// One catch-all per method: tokens hold ':' and file paths hold '/', so the routing is done here.
		for (const method of ['GET', 'POST']) this.server.route(method, '/.*', (req) => this.handle(req));
	}

	get url(): string {
		return this.server.url;
	}

	addFile(fileId: string, file: FakeTelegramFile): void {
		const filePath = file.filePath ?? `photos/${fileId}.jpg`;
		const extension = filePath.split('.').pop()?.toLowerCase() ?? '';
		this.files.set(fileId, {
			data: file.data,
			filePath,
			mimeType: file.mimeType ?? EXTENSION_TYPES[extension] ?? 'application/octet-stream',
		});
	}

	nextSent(afterCount = this.sent.length): Promise<FakeTelegramSent> {
		if (this.sent.length > afterCount) return Promise.resolve(this.sent[afterCount]);
		return new Promise((resolve) => this.waiters.push({ after: afterCount, resolve }));
	}

	photoUpdate(
		fileId: string,
		options: { chatId?: number; caption?: string; width?: number; height?: number } = {},
	): Record<string, unknown> {
		const chatId = options.chatId ?? 424242;
		const width = options.width ?? 1280;
		const height = options.height ?? 960;
		const size = this.files.get(fileId)?.data.length ?? 0;
		// Telegram lists a photo in up to four sizes, smallest first; here all are the one file the fake holds.
		const photo = [90, 320, 800, 1280].map((side, index) => {
			const scale = Math.min(1, side / Math.max(width, height));
			return {
				file_id: fileId,
				file_unique_id: `uniq${index}${fileId}`.slice(0, 16),
				file_size: size,
				width: Math.round(width * scale),
				height: Math.round(height * scale),
			};
		});
		const from = { id: chatId, is_bot: false, first_name: 'Fake', last_name: 'User', username: 'fake_user', language_code: 'en' };
		return {
			update_id: ++this.updateId,
			message: {
				message_id: ++this.messageId,
				from,
				chat: { id: chatId, first_name: 'Fake', last_name: 'User', username: 'fake_user', type: 'private' },
				date: Math.floor(Date.now() / 1000),
				photo,
				...(options.caption !== undefined ? { caption: options.caption } : {}),
			},
		};
	}

	async pushUpdate(update: Record<string, unknown>): Promise<FakeTelegramDelivery> {
		const webhook = this.webhook;
		if (!webhook) throw new Error('No webhook is set: nothing called setWebhook');
		// n8n prints localhost URLs; loopback by address avoids a ::1-first resolution missing an IPv4 listener.
		const target = new URL(webhook.url);
		if (target.hostname === 'localhost') target.hostname = '127.0.0.1';
		const payload = Buffer.from(JSON.stringify(update));
		const delivery: FakeTelegramDelivery = { url: webhook.url };
		try {
			delivery.status = await new Promise<number>((resolve, reject) => {
				const request = http.request(
					target,
					{
						method: 'POST',
						headers: {
							'content-type': 'application/json',
							'content-length': String(payload.length),
							...(webhook.secretToken ? { 'x-telegram-bot-api-secret-token': webhook.secretToken } : {}),
						},
					},
					(response) => {
						response.resume();
						response.on('end', () => resolve(response.statusCode ?? 0));
					},
				);
				request.on('error', reject);
				request.end(payload);
			});
		} catch (error) {
			delivery.error = (error as Error).message;
		}
		this.deliveries.push(delivery);
		return delivery;
	}

	async close(): Promise<void> {
		for (const timer of this.timers) clearTimeout(timer);
		await this.server.close();
	}

	private async handle(req: FakeRequest): Promise<Reply> {
		const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(req.path);
		if (file) return this.download(req, decodeURIComponent(file[1]), decodeURIComponent(file[2]));
		const call = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.path);
		if (!call) return fail(404, 'Not Found');
		if (decodeURIComponent(call[1]) !== this.token) return fail(401, 'Unauthorized');
		try {
			const params = readParams(req);
			return ok(await this.dispatch(call[2], params));
		} catch (error) {
			if (error instanceof BotApiError) return fail(error.status, error.description);
			throw error;
		}
	}

	/** Method names are case-insensitive in the Bot API. */
	private async dispatch(name: string, params: Params): Promise<unknown> {
		const method = name.toLowerCase();
		if (method === 'getme') {
			return {
				id: BOT_ID,
				is_bot: true,
				first_name: 'AI Video Fake Bot',
				username: this.options.username ?? 'ai_video_fake_bot',
				can_join_groups: true,
				can_read_all_group_messages: false,
				supports_inline_queries: false,
			};
		}
		if (method === 'getfile') return this.getFile(params);
		if (method === 'setwebhook') return this.setWebhook(params);
		if (method === 'getwebhookinfo') {
			return {
				url: this.webhook?.url ?? '',
				has_custom_certificate: false,
				pending_update_count: 0,
				...(this.webhook ? { allowed_updates: this.webhook.allowedUpdates } : {}),
			};
		}
		if (method === 'deletewebhook') {
			this.webhookChanges.push(`${new Date().toISOString()} deleteWebhook`);
			this.webhook = undefined;
			return true;
		}
		const send = (Object.keys(SEND_METHODS) as SendMethod[]).find((m) => m.toLowerCase() === method);
		if (send) return this.send(send, params);
		throw new BotApiError(404, 'Not Found: method not found');
	}

	private getFile(params: Params): unknown {
		const fileId = params.values.get('file_id');
		if (!fileId) throw new BotApiError(400, 'Bad Request: file_id is empty');
		const file = this.files.get(fileId);
		if (!file) throw new BotApiError(400, 'Bad Request: invalid file_id');
		if (file.data.length > TELEGRAM_DOWNLOAD_LIMIT_BYTES) throw new BotApiError(400, 'Bad Request: file is too big');
		return { file_id: fileId, file_unique_id: `uniq${fileId}`.slice(0, 16), file_size: file.data.length, file_path: file.filePath };
	}

	private download(req: FakeRequest, token: string, filePath: string): Reply {
		// The real file server answers a wrong token or an unknown path alike.
		const file = token === this.token ? [...this.files.values()].find((f) => f.filePath === filePath) : undefined;
		if (!file || req.method !== 'GET') return fail(404, 'Not Found');
		return { status: 200, headers: { 'content-type': file.mimeType }, stream: Readable.from([file.data]), length: file.data.length };
	}

	private setWebhook(params: Params): unknown {
		const url = params.values.get('url') ?? '';
		this.webhookChanges.push(`${new Date().toISOString()} setWebhook ${url}`);
		if (url === '') {
			this.webhook = undefined;
			return true;
		}
		if (!/^https?:\/\//i.test(url)) throw new BotApiError(400, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
		const secretToken = params.values.get('secret_token');
		if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
			throw new BotApiError(400, 'Bad Request: secret token contains unallowed characters');
		}
		let allowedUpdates: string[] = [];
		const raw = params.values.get('allowed_updates');
		if (raw) {
			try {
				allowedUpdates = JSON.parse(raw) as string[];
			} catch {
				throw new BotApiError(400, "Bad Request: can't parse allowed updates JSON object");
			}
		}
		this.webhook = { url, ...(secretToken ? { secretToken } : {}), allowedUpdates };
		const auto = this.options.autoUpdate;
		if (auto) {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				if (this.webhook?.url === url) void this.pushUpdate(auto.update());
			}, auto.delayMs ?? 500);
			this.timers.add(timer);
		}
		return true;
	}

	private send(method: SendMethod, params: Params): unknown {
		const chatId = params.values.get('chat_id');
		if (!chatId) throw new BotApiError(400, 'Bad Request: chat_id is empty');
		if (!/^-?\d+$/.test(chatId) && !/^@[A-Za-z][A-Za-z0-9_]{3,}$/.test(chatId)) throw new BotApiError(400, 'Bad Request: chat not found');
		const record: FakeTelegramSent = {
			method,
			encoding: params.encoding,
			chatId,
			params: Object.fromEntries([...params.values, ...[...params.files].map(([name, f]) => [name, `<${f.fileName}>`])]),
			messageId: ++this.messageId,
		};
		const caption = params.values.get('caption');
		if (caption !== undefined) {
			if ([...caption].length > 1024) throw new BotApiError(400, 'Bad Request: message caption is too long');
			record.caption = caption;
		}

		const field = SEND_METHODS[method];
		let media: Record<string, unknown> | undefined;
		if (field === undefined) {
			const text = params.values.get('text') ?? '';
			if (text.trim() === '') throw new BotApiError(400, 'Bad Request: message text is empty');
			if ([...text].length > 4096) throw new BotApiError(400, 'Bad Request: message is too long');
			record.text = text;
		} else {
			const upload = params.files.get(field);
			const reference = params.values.get(field);
			if (upload) {
				if (upload.data.length === 0) throw new BotApiError(400, 'Bad Request: file must be non-empty');
				record.file = { field, fileName: upload.fileName, contentType: upload.contentType, bytes: upload.data.length, data: upload.data };
			} else if (reference) {
				if (!/^https?:\/\//i.test(reference) && !this.files.has(reference)) {
					throw new BotApiError(400, 'Bad Request: wrong file identifier/HTTP URL specified');
				}
				record.reference = reference;
			} else {
				throw new BotApiError(400, `Bad Request: there is no ${field} in the request`);
			}
			const fileId = `BAAC${randomBytes(12).toString('hex')}`;
			media = {
				file_id: fileId,
				file_unique_id: fileId.slice(4, 20),
				...(record.file ? { file_name: record.file.fileName, file_size: record.file.bytes } : {}),
				...(record.file?.contentType ? { mime_type: record.file.contentType.split(';')[0].trim() } : {}),
				...(field === 'video' ? { width: 1280, height: 720, duration: 5 } : {}),
			};
		}

		this.sent.push(record);
		for (const waiter of [...this.waiters]) {
			if (this.sent.length > waiter.after) {
				this.waiters.splice(this.waiters.indexOf(waiter), 1);
				waiter.resolve(this.sent[waiter.after]);
			}
		}
		const chat = /^-?\d+$/.test(chatId)
			? { id: Number(chatId), first_name: 'Fake', username: 'fake_user', type: 'private' }
			: { id: -1001234567890, title: chatId.slice(1), username: chatId.slice(1), type: 'channel' };
		return {
			message_id: record.messageId,
			from: { id: BOT_ID, is_bot: true, first_name: 'AI Video Fake Bot', username: this.options.username ?? 'ai_video_fake_bot' },
			chat,
			date: Math.floor(Date.now() / 1000),
			...(record.text !== undefined ? { text: record.text } : {}),
			...(field && media ? { [field]: media } : {}),
			...(record.caption !== undefined ? { caption: record.caption } : {}),
		};
	}
}

/** The method's parameters from wherever the request put them: query string, then the body. */
function readParams(req: FakeRequest): Params {
	const params: Params = { encoding: 'query', values: new Map(req.query), files: new Map() };
	const contentType = String(req.headers['content-type'] ?? '');
	const mediaType = contentType.split(';')[0].trim().toLowerCase();
	if (req.body.length === 0) return params;
	if (mediaType === 'application/json') {
		if (req.json === null || typeof req.json !== 'object' || Array.isArray(req.json)) {
			throw new BotApiError(400, "Bad Request: can't parse JSON object");
		}
		params.encoding = 'json';
		for (const [key, value] of Object.entries(req.json as Record<string, unknown>)) {
			if (value === undefined || value === null) continue;
			params.values.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
		}
	} else if (mediaType === 'application/x-www-form-urlencoded') {
		params.encoding = 'form';
		for (const [key, value] of new URLSearchParams(req.body.toString('utf8'))) params.values.set(key, value);
	} else if (mediaType === 'multipart/form-data') {
		params.encoding = 'multipart';
		let parts: ReturnType<typeof parseMultipart>;
		try {
			parts = parseMultipart(req.body, contentType);
		} catch (error) {
			throw new BotApiError(400, `Bad Request: can't parse multipart/form-data: ${(error as Error).message}`);
		}
		for (const part of parts) {
			if (part.filename !== undefined)
				params.files.set(part.name, { fileName: part.filename, contentType: part.contentType, data: part.data });
			else params.values.set(part.name, part.data.toString('utf8'));
		}
	} else {
		throw new BotApiError(400, `Bad Request: unsupported Content-Type ${mediaType || '(none)'}`);
	}
	return params;
}

function ok(result: unknown): Reply {
	return { status: 200, json: { ok: true, result } };
}

function fail(status: number, description: string): Reply {
	return { status, json: { ok: false, error_code: status, description } };
}
